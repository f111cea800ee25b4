// More than one service starts the same profile's gateway: user and system scope, a legacy clawdbot unit, a hand-made copy.
import { defineCheck, type FindingDraft } from '../../src/doctor/api.js';
import { disableService, fixOf } from '../../src/fixes/commands.js';
import { activeGatewayServices, rankSupervisors, servicePortOf } from '../../src/doctor/supervisors.js';
import type { ServiceDefinition } from '../../src/model.js';

function describe(service: ServiceDefinition): string {
  const notes = [
    ...(service.manager === 'systemd' ? [service.scope === 'system' ? 'system scope' : 'user scope'] : []),
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
    const services = activeGatewayServices(profile);
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
