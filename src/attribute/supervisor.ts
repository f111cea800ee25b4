// Who started a profile's live gateway: one of its services, another supervisor, or a shell (by hand), from the supervisor markers of its environment.
import type { ServiceDefinition } from '../model.js';
import type { SupervisorMarkers } from '../host/types.js';
import type { GatewaySupervisor } from './live.js';

type Manager = ServiceDefinition['manager'];

const SYSTEMD_OWN = ['INVOCATION_ID', 'SYSTEMD_EXEC_PID', 'JOURNAL_STREAM'];
const LAUNCHD_OWN = ['LAUNCH_JOB_LABEL', 'LAUNCH_JOB_NAME', 'XPC_SERVICE_NAME'];

function valueOf(env: Readonly<Record<string, string>>, key: string): string | null {
  const value = env[key]?.trim() ?? '';
  // macOS Terminal gives every shell XPC_SERVICE_NAME=0: that is no launchd job.
  return value === '' || (key === 'XPC_SERVICE_NAME' && value === '0') ? null : value;
}

/** The name a service of `manager` gives the gateway it starts, as its markers say it. */
function markedName(env: Readonly<Record<string, string>>, manager: Manager): string | null {
  switch (manager) {
    case 'systemd': {
      // OpenClaw accepts the unit with or without `.service` (resolveGatewaySystemdUnitEnv, 2026.9.6).
      const unit = valueOf(env, 'OPENCLAW_SYSTEMD_UNIT');
      return unit === null ? null : unit.endsWith('.service') ? unit : `${unit}.service`;
    }
    case 'launchd':
      return valueOf(env, 'OPENCLAW_LAUNCHD_LABEL') ?? LAUNCHD_OWN.map((key) => valueOf(env, key)).find((value) => value !== null) ?? null;
    // A Startup-folder launcher runs the same gateway.cmd as its task, which sets the task's name.
    case 'schtasks':
    case 'startup':
      return valueOf(env, 'OPENCLAW_WINDOWS_TASK_NAME');
  }
}

/** Whether the manager itself (not a copied variable) left its trace: systemd and launchd set variables of their own. */
function managerSetOwn(env: Readonly<Record<string, string>>, manager: Manager): boolean {
  const own = manager === 'systemd' ? SYSTEMD_OWN : manager === 'launchd' ? LAUNCHD_OWN : [];
  return own.some((key) => valueOf(env, key) !== null);
}

function present(env: Readonly<Record<string, string>>): string[] {
  return Object.keys(env)
    .filter((key) => valueOf(env, key) !== null)
    .sort();
}

/**
 * Decides who supervises the gateway `pid` of a profile with these gateway `services`. `hand` is only said when the
 * environment was read and holds none of the markers; any marker that names none of the services is `other`, an
 * unreadable environment `unknown`. A service counts when its manager-specific name matches and OpenClaw's service
 * marker or the manager's own variables show it was really started that way (OPENCLAW_SYSTEMD_UNIT alone may be a
 * variable a user exported to rename the default unit).
 */
export function decideSupervisor(pid: number, markers: SupervisorMarkers | undefined, services: readonly ServiceDefinition[]): GatewaySupervisor {
  if (!markers || !markers.readable) {
    const reason = markers && !markers.readable ? markers.reason : `pid ${pid}'s environment was not read`;
    return { by: 'unknown', manager: null, name: null, file: null, markers: null, evidence: reason };
  }
  const env = markers.env;
  const keys = present(env);
  if (keys.length === 0) {
    return {
      by: 'hand',
      manager: null,
      name: null,
      file: null,
      markers: {},
      evidence: `pid ${pid}'s environment holds none of the variables a service sets (OPENCLAW_SERVICE_MARKER, INVOCATION_ID, XPC_SERVICE_NAME, ...): no service started it`,
    };
  }
  const found = Object.fromEntries(keys.map((key) => [key, env[key]!]));
  const openclawService = valueOf(env, 'OPENCLAW_SERVICE_MARKER') === 'openclaw' && valueOf(env, 'OPENCLAW_SERVICE_KIND') === 'gateway';
  const matches = services.filter((service) => markedName(env, service.manager) === service.name && (openclawService || managerSetOwn(env, service.manager)));
  // OpenClaw writes every manager's name into a service (unit and task name on Linux too): the manager that left its own variables wins.
  const service = matches.find((candidate) => managerSetOwn(env, candidate.manager)) ?? matches[0];
  if (service) {
    return {
      by: 'service',
      manager: service.manager,
      name: service.name,
      file: service.file,
      markers: found,
      evidence: `pid ${pid}'s environment names ${service.name} (${keys.join(', ')}): that service started it`,
    };
  }
  const external = valueOf(env, 'OPENCLAW_SUPERVISOR_MODE')?.toLowerCase() === 'external';
  const manager = external ? 'external' : ((['systemd', 'launchd'] as const).find((candidate) => managerSetOwn(env, candidate)) ?? null);
  const name = manager === 'systemd' || manager === 'launchd' ? markedName(env, manager) : null;
  return {
    by: 'other',
    manager,
    name,
    file: null,
    markers: found,
    evidence: `pid ${pid}'s environment has supervisor variables (${keys.join(', ')}) that name none of this profile's services`,
  };
}
