// This shell's OPENCLAW_* selection variables make `openclaw --profile X` act on another profile's files, port or service.
import path from 'node:path';
import { defineCheck, type FindingDraft } from '../../src/doctor/api.js';
import { openclawHint, unsetEnv } from '../../src/fixes/commands.js';
import { tildePath } from '../../src/paths.js';
import { cliTargetOf, INHERITED_SELECTORS, ownServiceNames } from '../../src/config/cli-target.js';
import { localPortOf } from '../../src/ports/plan.js';
import type { Profile } from '../../src/model.js';

type Selector = (typeof INHERITED_SELECTORS)[number];

export default defineCheck({
  id: 'env/inherited-selectors',
  title: "This shell's OPENCLAW_* variables leave every `openclaw --profile X` on X's own files, port and service",
  scope: 'host',
  looksAt:
    'OPENCLAW_STATE_DIR, _CONFIG_PATH, _GATEWAY_PORT, _PROFILE, _HOME, _GATEWAY_URL, _SYSTEMD_UNIT, _LAUNCHD_LABEL and _SERVICE_MARKER in the environment clawdoc runs in, replayed through --profile as OpenClaw 2026.9.6 does',
  run(context) {
    const { invocation, realPaths } = context.model;
    const env = invocation.env;
    const present = INHERITED_SELECTORS.filter((name) => env[name]?.trim());
    if (present.length === 0) return [];
    const home = invocation.home;
    const show = (file: string) => tildePath(home, file);
    const real = (file: string) => realPaths[file] ?? path.resolve(file);
    const profiles = context.model.profiles;
    const stateOwner = (dir: string) => profiles.find((profile) => real(profile.stateDir) === real(dir)) ?? null;
    const configOwner = (file: string) => profiles.find((profile) => real(profile.configPath) === real(file)) ?? null;
    const portOwner = (port: number) => profiles.find((profile) => profile.gatewayPort.port === port) ?? null;
    const serviceOwner = (name: string) =>
      profiles.find((profile) => profile.services.some((service) => service.name === name || service.name === `${name}.service`)) ?? null;
    const whose = (owner: Profile | null, what: string, self: Profile) => (owner && owner.name !== self.name ? `${owner.name}'s ${what}` : `the ${what}`);
    const findings: FindingDraft[] = [];

    for (const profile of context.profiles) {
      if (profile.origin.kind !== 'own') continue;
      const target = cliTargetOf(profile.openclawName, env, home);
      const effects: string[] = [];
      const culprits = new Set<Selector>();
      const command = openclawHint(profile, [], invocation);
      let actsOnOther: Profile | null = null;

      if (real(target.stateDir) !== real(profile.stateDir)) {
        const owner = stateOwner(target.stateDir);
        if (owner && owner.name !== profile.name) actsOnOther = owner;
        effects.push(`${whose(owner, 'state dir', profile)} ${show(target.stateDir)} (OPENCLAW_STATE_DIR)`);
        culprits.add('OPENCLAW_STATE_DIR');
      }
      if (real(target.configPath) !== real(profile.configPath)) {
        const cause: Selector = target.configPathInherited ? 'OPENCLAW_CONFIG_PATH' : 'OPENCLAW_STATE_DIR';
        effects.push(`${whose(configOwner(target.configPath), 'config', profile)} ${show(target.configPath)} (${cause})`);
        culprits.add(cause);
      }
      if (target.identity !== profile.openclawName) {
        effects.push(`${target.identity}'s port hash, service name and workspace default (OPENCLAW_PROFILE without OPENCLAW_STATE_DIR)`);
        culprits.add('OPENCLAW_PROFILE');
      }
      if (profile.cliPort.port !== profile.gatewayPort.port && (profile.cliPort.source === 'env' || culprits.size > 0)) {
        const owner = portOwner(profile.cliPort.port);
        const cause = profile.cliPort.source === 'env' ? 'OPENCLAW_GATEWAY_PORT' : profile.cliPort.detail;
        effects.push(
          `${owner && owner.name !== profile.name ? `${owner.name}'s port` : 'port'} ${profile.cliPort.port} (${cause}) instead of ${profile.gatewayPort.port}`,
        );
        if (profile.cliPort.source === 'env') culprits.add('OPENCLAW_GATEWAY_PORT');
      }
      const own = ownServiceNames(profile.openclawName);
      if (target.systemdUnit && ![own.systemd, `${own.systemd}.service`].includes(target.systemdUnit)) {
        effects.push(`${whose(serviceOwner(target.systemdUnit), 'unit', profile)} ${target.systemdUnit} for gateway restart/stop (OPENCLAW_SYSTEMD_UNIT)`);
        culprits.add('OPENCLAW_SYSTEMD_UNIT');
      }
      if (target.launchdLabel && target.launchdLabel !== own.launchd) {
        effects.push(
          `${whose(serviceOwner(target.launchdLabel), 'launchd label', profile)} ${target.launchdLabel} for gateway restart/stop (OPENCLAW_LAUNCHD_LABEL)`,
        );
        culprits.add('OPENCLAW_LAUNCHD_LABEL');
      }
      if (target.gatewayUrl) {
        const port = localPortOf(target.gatewayUrl);
        if (port !== profile.gatewayPort.port) {
          const owner = port === null ? null : portOwner(port);
          effects.push(`${owner && owner.name !== profile.name ? `${owner.name}'s gateway` : 'the gateway'} at ${target.gatewayUrl} (OPENCLAW_GATEWAY_URL)`);
          culprits.add('OPENCLAW_GATEWAY_URL');
        }
      }
      if (effects.length === 0) continue;
      // A service's environment copied into a shell: the marker changes which selectors --profile drops, so it goes too.
      const unset = INHERITED_SELECTORS.filter((name) => culprits.has(name) || (name === 'OPENCLAW_SERVICE_MARKER' && present.includes(name)));
      const consequence = actsOnOther
        ? `: \`${openclawHint(profile, ['gateway', 'restart'], invocation)}\` would restart ${actsOnOther.name}'s gateway, not ${profile.name}'s`
        : '';
      findings.push({
        severity: 'warning',
        profile: profile.name,
        message: `from this shell, \`${command}\` acts on ${effects.join(', ')}${consequence}`,
        fixHint: `Inherited variables beat --profile: unset ${unset.join(' ')} in this shell and remove their exports from your shell rc file; select profiles with --profile only.`,
        fix: { commands: [unsetEnv(...unset)] },
        evidence: {
          variables: Object.fromEntries(present.map((name) => [name, env[name] ?? null])),
          ownStateDir: profile.stateDir,
          ownConfigPath: profile.configPath,
          ownPort: profile.gatewayPort.port,
          targetStateDir: target.stateDir,
          targetConfigPath: target.configPath,
          targetPort: profile.cliPort.port,
        },
      });
    }

    const openclawHome = env.OPENCLAW_HOME?.trim();
    if (openclawHome && env.HOME && path.resolve(openclawHome) !== path.resolve(env.HOME)) {
      findings.push({
        severity: 'info',
        profile: null,
        message: `OPENCLAW_HOME=${openclawHome} is set in this shell, so every \`openclaw --profile X\` from it uses ${show(path.join(home, '.openclaw-X'))}, not the one under HOME=${env.HOME}; services are still looked up under the OS user's home`,
        fixHint: 'Unset it unless every OpenClaw command (and clawdoc) is meant to run against that home.',
        fix: { commands: [unsetEnv('OPENCLAW_HOME')] },
        evidence: { OPENCLAW_HOME: openclawHome, HOME: env.HOME },
      });
    }
    return findings;
  },
});
