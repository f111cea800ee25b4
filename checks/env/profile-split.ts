// The invoking shell or a service sends a profile's commands to another profile's files or port.
import { defineCheck, type FindingDraft } from '../../src/doctor/api.js';
import { fixOf, openclawCommand, openclawHint, reinstallGatewayService, unsetEnv } from '../../src/fixes/commands.js';
import { tildePath } from '../../src/paths.js';
import { isDefaultProfileName, isValidProfileName } from '../../src/profiles/names.js';

export default defineCheck({
  id: 'env/profile-split',
  title: "The shell's OpenClaw variables and every service's environment agree with the profiles they select",
  scope: 'host',
  looksAt: 'OPENCLAW_PROFILE, OPENCLAW_STATE_DIR and OPENCLAW_GATEWAY_PORT in this shell, and OPENCLAW_PROFILE in every service',
  run(context) {
    const home = context.model.invocation.home;
    const show = (file: string) => tildePath(home, file);
    const env = context.model.invocation.env;
    const findings: FindingDraft[] = [];
    const envProfile = env.OPENCLAW_PROFILE?.trim() || null;
    const envStateDir = env.OPENCLAW_STATE_DIR?.trim() || null;
    const selected = context.profiles.find((profile) => profile.envSelected) ?? null;

    // (1) OPENCLAW_PROFILE alone moves port, service name and workspace, but not state or config (OPENCLAW.md section 1).
    // An invalid name is profiles/discovery's finding.
    if (envProfile && !envStateDir && !isDefaultProfileName(envProfile) && isValidProfileName(envProfile)) {
      const stateDir = selected?.stateDir ?? `${home}/.openclaw`;
      const owner = selected && selected.origin.kind !== 'shell' ? selected.name : 'the default profile';
      findings.push({
        severity: 'warning',
        profile: selected?.name ?? null,
        message: `OPENCLAW_PROFILE=${envProfile} is set in this shell without OPENCLAW_STATE_DIR, so plain \`openclaw\` commands use ${owner}'s state and config in ${show(stateDir)} but ${envProfile}'s port, service name and workspace`,
        fixHint: `Only the --profile flag moves state and config: unset OPENCLAW_PROFILE (and remove its export from your shell rc file), then say \`${openclawHint({ name: envProfile }, [], context.model.invocation)}\`.`,
        ...fixOf(() => [unsetEnv('OPENCLAW_PROFILE'), openclawCommand({ name: envProfile }, ['status'], context.model.invocation)]),
        profiles: selected ? [selected.name] : [],
        evidence: { OPENCLAW_PROFILE: envProfile, OPENCLAW_STATE_DIR: null, stateDir },
      });
    } else if (selected?.envProfileName && envStateDir) {
      // (2) Both variables set, but the state dir is another profile's (or not the named profile's own).
      const named = selected.envProfileName;
      const whose =
        selected.origin.kind === 'shell'
          ? `${show(selected.stateDir)}, not ${named}'s own state dir`
          : `${selected.name}'s state dir ${show(selected.stateDir)}`;
      findings.push({
        severity: 'warning',
        profile: selected.name,
        message: `this shell sets OPENCLAW_PROFILE=${named} but OPENCLAW_STATE_DIR points at ${whose}, so plain \`openclaw\` commands mix ${named}'s port and workspace with those files`,
        fixHint: `Unset the OPENCLAW_* selection variables (and remove their exports from your shell rc file) and select profiles with \`${openclawHint({ name: named }, [], context.model.invocation)}\` or \`${openclawHint({ name: selected.openclawName }, [], context.model.invocation)}\` only.`,
        fix: { commands: [unsetEnv('OPENCLAW_PROFILE', 'OPENCLAW_STATE_DIR', 'OPENCLAW_CONFIG_PATH')] },
        evidence: { OPENCLAW_PROFILE: named, OPENCLAW_STATE_DIR: envStateDir, stateDir: selected.stateDir },
      });
    }

    // (3) The shell's port wins over every profile's gateway.port and hash port, for every profile.
    const shellPort = env.OPENCLAW_GATEWAY_PORT?.trim();
    if (shellPort) {
      const bypassed = context.profiles.filter((profile) => profile.cliPort.source === 'env' && profile.gatewayPort.port !== profile.cliPort.port);
      findings.push({
        severity: 'warning',
        profile: null,
        message: `OPENCLAW_GATEWAY_PORT=${shellPort} is set in this shell, so every openclaw command from it, for every profile, talks to that port${bypassed.length > 0 ? ` instead of ${bypassed.map((profile) => `${profile.name}'s ${profile.gatewayPort.port}`).join(', ')}` : ''}`,
        fixHint: "Unset it (and remove its export from your shell rc file); pin each profile's port with gateway.port in its own config instead.",
        fix: { commands: [unsetEnv('OPENCLAW_GATEWAY_PORT')] },
        profiles: context.profiles.map((profile) => profile.name),
        evidence: {
          OPENCLAW_GATEWAY_PORT: shellPort,
          gatewayPorts: Object.fromEntries(context.profiles.map((profile) => [profile.name, profile.gatewayPort.port])),
        },
      });
    }

    // (4) A service mapped to a profile by its state dir, whose OPENCLAW_PROFILE names another.
    for (const profile of context.profiles) {
      const name = profile.openclawName;
      for (const service of profile.services) {
        const named = service.env.OPENCLAW_PROFILE;
        if (!named || named === name || (isDefaultProfileName(named) && isDefaultProfileName(name))) continue;
        findings.push({
          severity: 'warning',
          profile: profile.name,
          message: `${service.name} sets OPENCLAW_PROFILE=${named} but runs on ${profile.name}'s state dir ${show(profile.stateDir)}, so the gateway it starts has ${profile.name}'s data with ${named}'s port, service name and workspace defaults`,
          fixHint: `Reinstall the service from ${profile.name}, whose data it runs on, so its environment is consistent; if it was meant to run ${named}, run \`${openclawHint({ name: named }, ['gateway', 'install', '--force'], context.model.invocation)}\` instead and disable ${service.name} (its file is ${service.file}).`,
          ...fixOf(() => reinstallGatewayService(profile, context.model.invocation)),
          evidence: {
            service: service.file,
            OPENCLAW_PROFILE: named,
            OPENCLAW_STATE_DIR: service.env.OPENCLAW_STATE_DIR ?? null,
          },
        });
      }
    }
    return findings;
  },
});
