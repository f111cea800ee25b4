// Two profiles use the same channel credential: one bot token can be polled by one gateway only.
import { defineCheck, type FindingDraft } from '../../src/doctor/api.js';
import { pairsSharingKey, profileToMove } from '../../src/doctor/helpers.js';
import { configSetAt, fixOf } from '../../src/fixes/commands.js';

export default defineCheck({
  id: 'channels/shared-credential',
  title: 'No two profiles use the same channel credential',
  scope: 'host',
  looksAt: 'fingerprints (never values) of channel credentials such as channels.telegram.botToken',
  run(context) {
    const findings: FindingDraft[] = [];
    const profiles = context.profiles;
    const sharing = pairsSharingKey(profiles, (profile) => profile.credentials.map((credential) => credential.fingerprint));
    for (const [a, b] of sharing.map(([i, j]) => [profiles[i]!, profiles[j]!] as const)) {
      for (const first of a.credentials) {
        const second = b.credentials.find((credential) => credential.fingerprint === first.fingerprint);
        if (!second) continue;
        const { moving, staying } = profileToMove(context, a, b);
        const [mine, theirs] = moving === a ? [first, second] : [second, first];
        const what =
          mine.path === theirs.path
            ? `the same ${mine.channel} credential (${mine.path})`
            : `the same credential as ${moving.name}'s ${mine.path} and ${staying.name}'s ${theirs.path}`;
        // The value and its fingerprint stay out of every field: the fingerprint is salted per run, but it still names a secret.
        findings.push({
          severity: 'error',
          profile: moving.name,
          message: `${moving.name} and ${staying.name} use ${what}: only one gateway at a time can use it, the other loses messages`,
          path: mine.path,
          fixHint: `Create a separate ${mine.channel} bot or credential for ${moving.name} and set it as ${moving.name}'s ${mine.path} (replace <new-${mine.channel}-credential>; keep it out of shell history, e.g. with a leading space or a \${VAR} reference).`,
          // No restart: 2026.9.6 applies channel credentials live ("Change will apply without restarting the gateway"; measured
          // for telegram: the channel restarts inside the same pid), and a restart appended to them hung (OPENCLAW.md section 10).
          ...fixOf(() => [configSetAt(moving, mine.path, `<new-${mine.channel}-credential>`, context.model.invocation)]),
          profiles: [staying.name, moving.name],
          evidence: { channel: mine.channel, keys: { [staying.name]: theirs.path, [moving.name]: mine.path } },
        });
      }
    }
    return findings;
  },
});
