// A profile's gateway holds its lock and port but does not answer /healthz as live.
import { defineCheck } from '../../src/doctor/api.js';
import { fixOf, restartGateway } from '../../src/fixes/commands.js';

export default defineCheck({
  id: 'gateway/unhealthy',
  title: 'Every running gateway answers /healthz',
  scope: 'profile',
  looksAt: "the /healthz answer of each profile's own gateway (no token is sent)",
  run(context) {
    const { profile } = context;
    const gateway = context.own.gateway;
    if (gateway.state !== 'unhealthy') return [];
    const probe = gateway.probe;
    const answer = probe ? `${probe.healthz.outcome}${probe.healthz.status !== null ? ` (HTTP ${probe.healthz.status})` : ''}` : 'no probe answer';
    return [
      {
        severity: 'warning',
        profile: profile.name,
        message: `${profile.name}'s gateway (pid ${gateway.pid}) holds port ${gateway.port} but /healthz answered ${answer}`,
        fixHint: `Read its log (logging.file, or journalctl --user -u the service) and restart it; a gateway that is still starting answers /readyz with "starting".`,
        ...fixOf(() => restartGateway(profile, context.model.invocation)),
        evidence: { pid: gateway.pid, port: gateway.port, healthz: probe?.healthz ?? null, readyz: probe?.readyz?.json ?? null, detail: gateway.detail },
      },
    ];
  },
});
