// A profile's gateway is not running: info when nothing says it should, warning when a service or lock does.
import { defineCheck } from '../../src/doctor/api.js';
import { fixOf, openclawCommand, openclawHint, startService } from '../../src/fixes/commands.js';

export default defineCheck({
  id: 'gateway/not-running',
  title: 'Every profile that should run has a running gateway',
  scope: 'profile',
  looksAt: 'lock files, listeners on the gateway port, installed services',
  run(context) {
    const { profile } = context;
    const live = context.own;
    if (live.gateway.state !== 'stopped' || !context.live.snapshot.ok) return [];
    const services = profile.services.filter((service) => service.isGateway);
    const expected = live.expectedRunning;
    const why =
      services.length > 0
        ? `its service ${services.map((service) => service.name).join(', ')} is installed`
        : profile.locks.length > 0
          ? 'a lock file says it ran'
          : 'no service is installed';
    return [
      {
        severity: expected ? 'warning' : 'info',
        profile: profile.name,
        message: `${profile.name}'s gateway is not running (nothing listens on ${live.gateway.port}); ${why}`,
        fixHint:
          services.length > 0
            ? `Start it through its service.`
            : `Start it with \`${openclawHint(profile, ['gateway'], context.model.invocation)}\`, or install a service with \`${openclawHint(profile, ['gateway', 'install'], context.model.invocation)}\`.`,
        ...fixOf(() =>
          services.length > 0
            ? services.map((service) => startService(service, context.model.invocation))
            : [openclawCommand(profile, ['gateway', 'install'], context.model.invocation)],
        ),
        evidence: {
          port: live.gateway.port,
          portSource: profile.gatewayPort.source,
          services: services.map((service) => service.file),
          locks: live.locks.map((lock) => ({ file: lock.file, state: lock.state })),
        },
      },
    ];
  },
});
