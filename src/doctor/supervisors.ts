// Which of a profile's gateway services keeps supervising it and which are extra: one ranking for services/duplicate-supervisor and the fix plan.
import type { Profile, ServiceDefinition } from '../model.js';
import { isGatewayUp, type GatewayStatus } from '../attribute/live.js';
import { canonicalServiceName } from '../fixes/commands.js';

/** The port a service starts its gateway on: `--port N`, else its OPENCLAW_GATEWAY_PORT (`N`, `host:N`). */
export function servicePortOf(service: ServiceDefinition): number | null {
  if (service.portArg !== null) return service.portArg;
  const match = /(?:^|:)(\d+)$/.exec(service.env.OPENCLAW_GATEWAY_PORT?.trim() ?? '');
  return match ? Number(match[1]) : null;
}

/** Gateway services that start something: a disabled unit (file kept, no `*.wants/` link) starts nothing. */
export function activeGatewayServices(profile: Pick<Profile, 'services'>): ServiceDefinition[] {
  return profile.services.filter((service) => service.isGateway && service.enabled !== false);
}

export interface SupervisorRanking {
  keep: ServiceDefinition;
  /** Every other active gateway service of the profile, in rank order. */
  extra: ServiceDefinition[];
  /** The port of the live lock when the gateway is up, else null. */
  runningPort: number | null;
}

/**
 * The one that runs the healthy gateway stays: the port of the live lock, then the canonical name, then a task before a
 * Startup launcher, then a current user-scope one, then the configured port, then the name. Null when the profile has no active gateway service.
 */
export function rankSupervisors(
  profile: Pick<Profile, 'services' | 'openclawName' | 'gatewayPort'>,
  gateway: Pick<GatewayStatus, 'state' | 'port' | 'portSource'> | undefined,
): SupervisorRanking | null {
  const services = activeGatewayServices(profile);
  if (services.length === 0) return null;
  const runningPort = gateway && gateway.portSource === 'lock' && isGatewayUp(gateway) ? gateway.port : null;
  const plannedPort = profile.gatewayPort.port;
  const rank = (service: ServiceDefinition): number[] => [
    runningPort !== null && servicePortOf(service) === runningPort ? 0 : 1,
    service.name === canonicalServiceName(service.manager, profile.openclawName) ? 0 : 1,
    // A Startup launcher yields to a task: OpenClaw writes it only when schtasks is refused, and removes it once its task runs.
    service.manager === 'startup' ? 1 : 0,
    service.legacy ? 1 : 0,
    service.scope === 'system' ? 1 : 0,
    servicePortOf(service) === plannedPort ? 0 : 1,
  ];
  const ordered = [...services].sort((a, b) => {
    const [ra, rb] = [rank(a), rank(b)];
    for (let index = 0; index < ra.length; index += 1) if (ra[index] !== rb[index]) return ra[index]! - rb[index]!;
    return a.name.localeCompare(b.name);
  });
  return { keep: ordered[0]!, extra: ordered.slice(1), runningPort };
}
