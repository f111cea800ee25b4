// A gateway pid holds its lock but has listened nowhere for longer than a gateway takes to start.
import { defineCheck } from '../../src/doctor/api.js';
import { fixOf, killProcess, openclawHint, startService } from '../../src/fixes/commands.js';

export default defineCheck({
  id: 'gateway/wedged',
  title: 'No gateway holds its lock without listening past its startup window',
  scope: 'profile',
  looksAt: "each live lock's pid, its createdAt and the pid's listeners",
  run(context) {
    const { profile } = context;
    const gateway = context.own.gateway;
    if (gateway.state !== 'wedged' || gateway.pid === null) return [];
    const services = profile.services.filter((service) => service.isGateway);
    const start =
      services.length > 0
        ? 'then start it through its service'
        : `then start it again with \`${openclawHint(profile, ['gateway'], context.model.invocation)}\``;
    return [
      {
        severity: 'warning',
        profile: profile.name,
        message: `${profile.name}'s gateway is wedged: ${gateway.detail} (port ${gateway.port}); while it holds the lock, starting ${profile.name} fails with "another OpenClaw process owns gateway-lifecycle"`,
        // 2026.9.6: a start while the pid holds the lock fails, so the pid must go first (OPENCLAW.md section 10).
        fixHint: `Stop pid ${gateway.pid} first (SIGTERM; SIGKILL if it is still there after a few seconds), ${start}.`,
        ...fixOf(() => [killProcess(gateway.pid!, context.model.invocation), ...services.map((service) => startService(service, context.model.invocation))]),
        evidence: {
          pid: gateway.pid,
          port: gateway.port,
          locks: context.own.locks.filter((lock) => lock.state === 'wedged').map((lock) => lock.file),
          detail: gateway.detail,
        },
      },
    ];
  },
});
