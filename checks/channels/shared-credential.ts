// Two profiles use the same channel credential: one bot token can be polled by one gateway only.
import { defineCheck, type FindingDraft } from '../../src/checks/api.js';
import { profileToMove } from '../../src/checks/helpers.js';
import { configSet } from '../../src/fixes/commands.js';

export default defineCheck({
  id: 'channels/shared-credential',
  title: 'No two profiles use the same channel credential',
  scope: 'host',
  looksAt: 'fingerprints (never values) of channel credentials such as channels.telegram.botToken',
  run(context) {
    const findings: FindingDraft[] = [];
    const profiles = context.profiles;
    for (let i = 0; i < profiles.length; i += 1) {
      for (let j = i + 1; j < profiles.length; j += 1) {
        for (const first of profiles[i]!.credentials) {
          const second = profiles[j]!.credentials.find((credential) => credential.fingerprint === first.fingerprint);
          if (!second) continue;
          const moving = profileToMove(context, profiles[i]!, profiles[j]!);
          const staying = moving === profiles[i] ? profiles[j]! : profiles[i]!;
          const key = moving === profiles[i] ? first.path : second.path;
          findings.push({
            severity: 'error',
            profile: moving.name,
            message: `${moving.name} and ${staying.name} use the same ${first.channel} credential (${key}): only one gateway at a time can use it, the other loses messages`,
            path: key,
            fixHint: `Create a separate ${first.channel} bot or credential for ${moving.name} and set it there (the value is not shown).`,
            fix: { commands: [configSet(moving, key, `<new ${first.channel} credential>`)] },
            evidence: { profiles: [staying.name, moving.name], channel: first.channel, keys: { [profiles[i]!.name]: first.path, [profiles[j]!.name]: second.path } },
          });
        }
      }
    }
    return findings;
  },
});
