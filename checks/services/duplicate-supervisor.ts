// More than one service starts the same profile's gateway: user and system scope, a legacy clawdbot unit, a hand-made copy.
import { defineCheck, type FindingDraft, type ProfileCheckContext } from '../../src/doctor/api.js';
import { disableService, fixOf, killProcess, startService } from '../../src/fixes/commands.js';
import { isGatewayUp } from '../../src/attribute/live.js';
import { activeGatewayServices, rankSupervisors, servicePortOf } from '../../src/doctor/supervisors.js';
import type { ServiceDefinition } from '../../src/model.js';

function describe(service: ServiceDefinition): string {
  const notes = [
    ...(service.manager === 'systemd' ? [service.scope === 'system' ? 'system scope' : 'user scope'] : []),
    ...(service.manager === 'startup' ? ['Startup folder'] : []),
    ...(service.legacy ? ['legacy clawdbot'] : []),
  ];
  return notes.length > 0 ? `${service.name} (${notes.join(', ')})` : service.name;
}

/** A service to disable, as `evidence.extra` lists it: the fix plan reads this shape (src/plan/decide.ts). */
function extraEvidence(service: ServiceDefinition) {
  return {
    name: service.name,
    file: service.file,
    manager: service.manager,
    scope: service.scope ?? 'user',
    legacy: service.legacy,
    port: servicePortOf(service),
  };
}

/**
 * Enabled services beside a gateway proven started by hand (its environment holds no supervisor marker, see
 * decideSupervisor): the hand-started process runs the gateway, so every enabled service is the extra one, and is
 * disabled (`--now` stops the unit's own processes only, never this pid). Evidence: `keep` is then the process,
 * `{ pid, port, startedBy: 'hand', evidence }`, not a service; `extra` has the same shape as in the services case.
 * This check speaks for the pair; gateway/unmanaged-process stays silent while a service is enabled.
 */
function handStartedBeside(context: ProfileCheckContext, services: readonly ServiceDefinition[]): FindingDraft[] {
  const { profile } = context;
  const gateway = context.own.gateway;
  const supervisor = gateway.supervisor;
  if (supervisor?.by !== 'hand' || gateway.portSource !== 'lock' || !isGatewayUp(gateway) || gateway.pid === null) return [];
  const host = context.model.invocation;
  const pid = gateway.pid;
  const listed = services.map(describe).join(', ');
  const first = services[0]!;
  const others = services.length > 1 ? ' and disable the others' : '';
  return [
    {
      severity: 'warning',
      profile: profile.name,
      message: `${profile.name}'s gateway runs as pid ${pid} on port ${gateway.port}, started by hand, while ${listed} ${services.length > 1 ? 'are' : 'is'} enabled to start it too: the service races it for the lock and port, and \`gateway stop\` does not stop pid ${pid}`,
      fixHint: `Keep pid ${pid}, which runs the gateway, and disable ${listed}; ${services.length > 1 ? 'their files stay' : 'its file stays'} for you to remove. Or, to run it under ${first.name} instead, when a short outage is fine: stop pid ${pid} (\`${killProcess(pid, host)}\`), then \`${startService(first, host)}\`${others}.`,
      // Disabling is offered only beside a healthy gateway: beside an unhealthy one the choice between the two is the operator's.
      ...(gateway.state === 'running' ? fixOf(() => services.map((service) => disableService(service, host))) : {}),
      evidence: {
        keep: { pid, port: gateway.port, startedBy: 'hand', evidence: supervisor.evidence },
        extra: services.map(extraEvidence),
        runningPort: gateway.port,
      },
    },
  ];
}

export default defineCheck({
  id: 'services/duplicate-supervisor',
  title: "Each profile's gateway is started by one service only",
  scope: 'profile',
  looksAt: 'gateway services of each profile (systemd user and system scope, launchd, Task Scheduler, legacy clawdbot units) and the live lock port',
  run(context) {
    const { profile } = context;
    // A disabled unit (file kept, no `*.wants/` link) starts nothing: that is what this check's own fix leaves behind.
    const services = activeGatewayServices(profile);
    const handStarted = services.length > 0 ? handStartedBeside(context, services) : [];
    if (handStarted.length > 0) return handStarted;
    if (services.length < 2) return [];
    const { keep, extra, runningPort } = rankSupervisors(profile, context.own.gateway)!;
    const findings: FindingDraft[] = [
      {
        severity: 'warning',
        profile: profile.name,
        message: `${services.length} services start ${profile.name}'s gateway: ${services.map(describe).join(', ')}; they race for its lock and port, and \`gateway stop\` stops only one`,
        fixHint: `Keep ${describe(keep)}${runningPort !== null && servicePortOf(keep) === runningPort ? ` (it runs the gateway on ${runningPort})` : ''} and disable the others; their files stay for you to remove.`,
        ...fixOf(() => extra.map((service) => disableService(service, context.model.invocation))),
        evidence: {
          keep: { name: keep.name, file: keep.file, manager: keep.manager, scope: keep.scope ?? 'user', port: servicePortOf(keep) },
          extra: extra.map(extraEvidence),
          runningPort,
        },
      },
    ];
    return findings;
  },
});
