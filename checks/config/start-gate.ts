// A config OpenClaw accepts but its gateway refuses to start with: gateway.mode must be `local` unless --allow-unconfigured.
import { defineCheck } from '../../src/doctor/api.js';
import { configSetAt, fixOf } from '../../src/fixes/commands.js';
import { getPath } from '../../src/config/validate.js';
import { isGatewayUp } from '../../src/attribute/live.js';

const ALLOW_FLAG = '--allow-unconfigured';

export default defineCheck({
  id: 'config/start-gate',
  title: 'Every gateway that should run has a config its gateway agrees to start with',
  scope: 'profile',
  looksAt: 'gateway.mode in the config of each profile with a gateway service, and --allow-unconfigured in its service arguments',
  run(context) {
    const { profile } = context;
    const live = context.own;
    // A running gateway got past the gate (started with --allow-unconfigured); only the next start is at stake.
    if (isGatewayUp(live.gateway) || live.gateway.state === 'starting') return [];
    // Only a service's start is known to lack the flag (`gateway install` writes `gateway --port N`); a lock alone
    // says a gateway ran, maybe by hand with --allow-unconfigured.
    const services = profile.services.filter((service) => service.isGateway);
    if (services.length === 0 || services.some((service) => service.args.includes(ALLOW_FLAG))) return [];
    // A config with errors is config/invalid's finding first.
    if (profile.problems.some((problem) => problem.severity === 'error')) return [];
    const mode = getPath(profile.config, 'gateway.mode');
    if (mode === 'local') return [];
    // 2026.9.6 pre-bootstrap: without --allow-unconfigured the gateway starts only with gateway.mode=local (measured:
    // "Gateway start blocked: existing config is missing gateway.mode", and "Missing config" when there is none).
    const why = !profile.configExists
      ? `it has no config (${profile.configPath})`
      : mode === undefined
        ? `its config has no gateway.mode`
        : `its config sets gateway.mode=${typeof mode === 'string' ? mode : JSON.stringify(mode)}`;
    return [
      {
        severity: 'warning',
        profile: profile.name,
        message: `${profile.name}'s gateway will refuse to start: ${why}, and OpenClaw 2026.9 starts a gateway only with gateway.mode=local unless it is given ${ALLOW_FLAG} ("Gateway start blocked")`,
        path: 'gateway.mode',
        fixHint: `Set gateway.mode to local in ${profile.name}'s config (a remote-mode profile should not run a gateway: remove its service instead).`,
        ...fixOf(() => [configSetAt(profile, 'gateway.mode', 'local', context.model.invocation)]),
        evidence: {
          configPath: profile.configPath,
          configExists: profile.configExists,
          gatewayMode: mode ?? null,
          services: services.map((service) => service.file),
        },
      },
    ];
  },
});
