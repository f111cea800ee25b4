// A gateway service whose name, environment and arguments disagree with each other, with the profile's config, or with the port its gateway runs on.
import { defineCheck, type FindingDraft } from '../../src/doctor/api.js';
import { alignServicePort, fixOf, openclawHint, reinstallGatewayService } from '../../src/fixes/commands.js';
import { isGatewayUp } from '../../src/attribute/live.js';
import { argValue } from '../../src/argv.js';
import { DEFAULT_PROFILE, isDefaultProfileName, profileFromStateDirName } from '../../src/profiles/names.js';
import { asPort } from '../../src/ports/port-number.js';

interface Disagreement {
  what: string;
  says: string;
  expected: string;
}

// A Startup launcher is named for the task it stands in for, so it carries the task's name too.
const SELF_NAME_KEY = {
  systemd: 'OPENCLAW_SYSTEMD_UNIT',
  launchd: 'OPENCLAW_LAUNCHD_LABEL',
  schtasks: 'OPENCLAW_WINDOWS_TASK_NAME',
  startup: 'OPENCLAW_WINDOWS_TASK_NAME',
} as const;

const normal = (name: string): string => (isDefaultProfileName(name) ? DEFAULT_PROFILE : name);

function configPortOf(config: Record<string, unknown> | null): number | null {
  const gateway = config?.gateway;
  return gateway && typeof gateway === 'object' ? asPort((gateway as Record<string, unknown>).port) : null;
}

function envPortOf(value: string | undefined): number | null {
  const match = value === undefined ? null : /(?:^|:)(\d+)$/.exec(value.trim());
  return match ? asPort(Number(match[1])) : null;
}

export default defineCheck({
  id: 'services/profile-mismatch',
  title: "Every gateway service's name, environment and arguments agree with its profile and the port its gateway runs on",
  scope: 'profile',
  looksAt:
    'service names, OPENCLAW_PROFILE / OPENCLAW_STATE_DIR / OPENCLAW_CONFIG_PATH / OPENCLAW_GATEWAY_PORT, --profile / --port, gateway.port and the live lock port',
  run(context) {
    const { profile } = context;
    const host = context.model.invocation;
    const gateway = context.own.gateway;
    const runningPort = gateway.portSource === 'lock' && isGatewayUp(gateway) ? gateway.port : null;
    const configPort = configPortOf(profile.config);
    const own = profile.openclawName;
    const findings: FindingDraft[] = [];
    // A disabled unit starts nothing; with several enabled ones, services/duplicate-supervisor says which stays.
    const services = profile.services.filter((candidate) => candidate.isGateway && candidate.enabled !== false);
    const severalSupervisors = services.length > 1;
    for (const service of services) {
      const identity: Disagreement[] = [];
      if (service.nameProfile != null && normal(service.nameProfile) !== own)
        identity.push({ what: 'name', says: `${service.name} stands for ${service.nameProfile}`, expected: own });
      if (service.env.OPENCLAW_PROFILE && normal(service.env.OPENCLAW_PROFILE) !== own)
        identity.push({ what: 'OPENCLAW_PROFILE', says: service.env.OPENCLAW_PROFILE, expected: own });
      const flagProfile = argValue(service.args, '--profile');
      if (flagProfile && normal(flagProfile) !== own) identity.push({ what: '--profile', says: flagProfile, expected: own });
      // 2026.9 services carry their own name; a copied unit that kept another's makes `gateway restart` act on that other service.
      const selfName = service.env[SELF_NAME_KEY[service.manager]]?.trim();
      const normalizedSelf = service.manager === 'systemd' && selfName && !selfName.endsWith('.service') ? `${selfName}.service` : selfName;
      if (normalizedSelf && normalizedSelf !== service.name)
        identity.push({ what: SELF_NAME_KEY[service.manager], says: normalizedSelf, expected: service.name });
      for (const key of ['OPENCLAW_STATE_DIR', 'OPENCLAW_CONFIG_PATH'] as const) {
        const value = service.env[key];
        if (!value) continue;
        // Windows scripts name Windows paths (`C:\Users\bob\.openclaw-rescue`), whatever host reads them.
        const segments = value.split(/[\\/]+/).filter((segment) => segment !== '');
        const dir = key === 'OPENCLAW_STATE_DIR' ? segments.at(-1) : segments.at(-2);
        const named = dir === undefined ? null : profileFromStateDirName(dir);
        if (named !== null && normal(named) !== own) identity.push({ what: key, says: value, expected: `a path of ${own}` });
      }

      const ports: Disagreement[] = [];
      const envPort = envPortOf(service.env.OPENCLAW_GATEWAY_PORT);
      if (service.portArg !== null && envPort !== null && service.portArg !== envPort)
        ports.push({ what: 'OPENCLAW_GATEWAY_PORT', says: String(envPort), expected: `--port ${service.portArg}` });
      const servicePort = service.portArg ?? envPort;
      if (servicePort !== null && configPort !== null && servicePort !== configPort)
        ports.push({ what: 'service port', says: String(servicePort), expected: `gateway.port ${configPort}` });
      if (servicePort !== null && runningPort !== null && servicePort !== runningPort)
        ports.push({ what: 'service port', says: String(servicePort), expected: `running port ${runningPort} (live lock, pid ${gateway.pid})` });
      if (identity.length === 0 && (ports.length === 0 || severalSupervisors)) continue;

      const disagreements = [...identity, ...ports];
      // Keep the gateway where it runs; a stopped one follows its config (the operator's last word).
      const keepPort = runningPort ?? configPort ?? servicePort;
      // A gateway started by hand keeps running; its service is rewritten but not started beside it.
      const byHand = gateway.supervisor?.by === 'hand' && isGatewayUp(gateway) && gateway.pid !== null;
      const fix =
        identity.length > 0
          ? fixOf(() => reinstallGatewayService(profile, host, { restart: !byHand }))
          : keepPort !== null
            ? fixOf(() => alignServicePort(profile, keepPort, servicePort !== keepPort, host))
            : {};
      findings.push({
        severity: 'warning',
        profile: profile.name,
        message: `${service.name} runs ${profile.name}'s gateway (${service.profileEvidence}) but disagrees: ${disagreements
          .map((entry) => `${entry.what} ${entry.says}, expected ${entry.expected}`)
          .join('; ')}`,
        fixHint:
          identity.length > 0
            ? `Rewrite the service from ${profile.name}'s own identity with \`${openclawHint(profile, ['gateway', 'install', '--force'], host)}\`; the misnamed unit is disabled (its file kept). A profile whose name it carried gets its own service with its own \`gateway install\`.${byHand ? ` ${profile.name}'s gateway runs by hand (pid ${gateway.pid}), so the service is not started beside it: stop pid ${gateway.pid} first when you want the service to run it.` : ''}`
            : `Make config and service agree on port ${keepPort ?? '<port>'}${runningPort !== null ? ', where the gateway runs now' : ' (the config port: the gateway is not running)'}.`,
        ...fix,
        evidence: {
          service: service.name,
          file: service.file,
          manager: service.manager,
          disagreements,
          servicePort,
          configPort,
          runningPort,
        },
      });
    }
    return findings;
  },
});
