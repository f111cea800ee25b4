// More than one service starts the same profile's gateway: user and system scope, a legacy clawdbot unit, a hand-made copy.
import { defineCheck, type FindingDraft } from '../../src/doctor/api.js';
import { canonicalServiceName, disableService, fixOf } from '../../src/fixes/commands.js';
import { isGatewayUp } from '../../src/attribute/live.js';
import type { ServiceDefinition } from '../../src/model.js';

function servicePortOf(service: ServiceDefinition): number | null {
  if (service.portArg !== null) return service.portArg;
  const match = /(?:^|:)(\d+)$/.exec(service.env.OPENCLAW_GATEWAY_PORT?.trim() ?? '');
  return match ? Number(match[1]) : null;
}

function describe(service: ServiceDefinition): string {
  const notes = [
    ...(service.manager === 'systemd' ? [service.scope === 'system' ? 'system scope' : 'user scope'] : []),
    ...(service.manager === 'startup' ? ['Startup folder'] : []),
    ...(service.legacy ? ['legacy clawdbot'] : []),
  ];
  return notes.length > 0 ? `${service.name} (${notes.join(', ')})` : service.name;
}

export default defineCheck({
  id: 'services/duplicate-supervisor',
  title: "Each profile's gateway is started by one service only",
  scope: 'profile',
  looksAt: 'gateway services of each profile (systemd user and system scope, launchd, Task Scheduler, legacy clawdbot units) and the live lock port',
  run(context) {
    const { profile } = context;
    // A disabled unit (file kept, no `*.wants/` link) starts nothing: that is what this check's own fix leaves behind.
    const services = profile.services.filter((service) => service.isGateway && service.enabled !== false);
    if (services.length < 2) return [];
    const gateway = context.own.gateway;
    const runningPort = gateway.portSource === 'lock' && isGatewayUp(gateway) ? gateway.port : null;
    const plannedPort = profile.gatewayPort.port;
    // The one that runs the healthy gateway stays: the port of the live lock, then the canonical name, then a current user-scope one.
    // A Startup launcher yields to a task: OpenClaw writes it only when schtasks is refused, and removes it once its task runs.
    const rank = (service: ServiceDefinition): number[] => [
      runningPort !== null && servicePortOf(service) === runningPort ? 0 : 1,
      service.name === canonicalServiceName(service.manager, profile.openclawName) ? 0 : 1,
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
    const keep = ordered[0]!;
    const extra = ordered.slice(1);
    const findings: FindingDraft[] = [
      {
        severity: 'warning',
        profile: profile.name,
        message: `${services.length} services start ${profile.name}'s gateway: ${services.map(describe).join(', ')}; they race for its lock and port, and \`gateway stop\` stops only one`,
        fixHint: `Keep ${describe(keep)}${runningPort !== null && servicePortOf(keep) === runningPort ? ` (it runs the gateway on ${runningPort})` : ''} and disable the others; their files stay for you to remove.`,
        ...fixOf(() => extra.map((service) => disableService(service, context.model.invocation))),
        evidence: {
          keep: { name: keep.name, file: keep.file, manager: keep.manager, scope: keep.scope ?? 'user', port: servicePortOf(keep) },
          extra: extra.map((service) => ({
            name: service.name,
            file: service.file,
            manager: service.manager,
            scope: service.scope ?? 'user',
            legacy: service.legacy,
            port: servicePortOf(service),
          })),
          runningPort,
        },
      },
    ];
    return findings;
  },
});
