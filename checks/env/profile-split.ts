// The invoking shell or a service sends a profile's commands to another profile's files or port.
import { defineCheck, type FindingDraft } from '../../src/checks/api.js';
import { openclawFor, restartGateway } from '../../src/fixes/commands.js';

export default defineCheck({
  id: 'env/profile-split',
  title: 'Environment and services agree with the profiles they run',
  scope: 'host',
  looksAt: 'OPENCLAW_PROFILE, OPENCLAW_STATE_DIR, OPENCLAW_GATEWAY_PORT in this shell and in every service',
  run(context) {
    const env = context.model.invocation.env;
    const findings: FindingDraft[] = [];
    const envProfile = env.OPENCLAW_PROFILE?.trim();
    if (envProfile && !env.OPENCLAW_STATE_DIR && envProfile.toLowerCase() !== 'default') {
      const target = context.profiles.find((profile) => profile.envSelected);
      findings.push({
        severity: 'warning',
        profile: target?.name ?? null,
        message: `OPENCLAW_PROFILE=${envProfile} is set without OPENCLAW_STATE_DIR: plain \`openclaw\` commands here use the state and config of ${target?.stateDir ?? 'the default profile'}, but the port, service name and workspace of "${envProfile}"`,
        fixHint: `Only the --profile flag moves state and config. Unset the variable and say \`openclaw --profile ${envProfile}\`.`,
        fix: { commands: ['unset OPENCLAW_PROFILE', `openclaw --profile ${envProfile} status`] },
        evidence: { OPENCLAW_PROFILE: envProfile, stateDir: target?.stateDir ?? null, ...(target ? { profiles: [target.name] } : {}) },
      });
    }
    for (const profile of context.profiles) {
      if (profile.envProfileName && !(envProfile && !env.OPENCLAW_STATE_DIR)) {
        findings.push({
          severity: 'warning',
          profile: profile.name,
          message: `this shell's environment names profile "${profile.envProfileName}" but points at ${profile.name}'s files (${profile.stateDir})`,
          fixHint: 'Unset the OPENCLAW_* variables and select profiles with --profile only.',
          fix: { commands: ['unset OPENCLAW_PROFILE OPENCLAW_STATE_DIR OPENCLAW_CONFIG_PATH'] },
          evidence: { envProfile: profile.envProfileName, stateDir: profile.stateDir, profiles: [profile.name] },
        });
      }
      for (const service of profile.services) {
        const named = service.env.OPENCLAW_PROFILE;
        if (!named || named === profile.name || (named.toLowerCase() === 'default' && profile.name === 'default')) continue;
        findings.push({
          severity: 'warning',
          profile: profile.name,
          message: `${service.name} sets OPENCLAW_PROFILE=${named} but runs on ${profile.name}'s state dir ${profile.stateDir}: the two disagree on port, service name and workspace`,
          fixHint: `Reinstall the service from the profile it should run, so its environment is consistent.`,
          fix: { commands: [`${openclawFor(profile)} gateway install --force`, ...restartGateway(profile)] },
          evidence: { service: service.file, OPENCLAW_PROFILE: named, OPENCLAW_STATE_DIR: service.env.OPENCLAW_STATE_DIR ?? null, profiles: [profile.name] },
        });
      }
    }
    const shellPort = env.OPENCLAW_GATEWAY_PORT?.trim();
    if (shellPort) {
      findings.push({
        severity: 'warning',
        profile: null,
        message: `OPENCLAW_GATEWAY_PORT=${shellPort} is set in this shell: every openclaw command from it, for every profile, talks to that port`,
        fixHint: 'Unset it and pin each profile\'s gateway.port in its own config instead.',
        fix: { commands: ['unset OPENCLAW_GATEWAY_PORT'] },
        evidence: { OPENCLAW_GATEWAY_PORT: shellPort, profiles: context.profiles.map((profile) => profile.name) },
      });
    }
    return findings;
  },
});
