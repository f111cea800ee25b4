// A service's OPENCLAW_PROFILE names another profile than the state dir it runs on (the shell's variables are env/inherited-selectors').
import { defineCheck, type FindingDraft } from '../../src/doctor/api.js';
import { fixOf, openclawHint, reinstallGatewayService } from '../../src/fixes/commands.js';
import { tildePath } from '../../src/paths.js';
import { isDefaultProfileName } from '../../src/profiles/names.js';

export default defineCheck({
  id: 'env/profile-split',
  title: "Every service's OPENCLAW_PROFILE agrees with the state dir it runs on",
  scope: 'host',
  looksAt: 'OPENCLAW_PROFILE and OPENCLAW_STATE_DIR in every gateway service',
  run(context) {
    const home = context.model.invocation.home;
    const show = (file: string) => tildePath(home, file);
    const findings: FindingDraft[] = [];

    // A service mapped to a profile by its state dir, whose OPENCLAW_PROFILE names another.
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
