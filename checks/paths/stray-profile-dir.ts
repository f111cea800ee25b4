// A `~/.openclaw-<name>` dir that no config, service or lock makes a profile: a typo, a browser profile name, a case twin.
import { defineCheck, type FindingDraft } from '../../src/doctor/api.js';
import { fixOf, moveAside } from '../../src/fixes/commands.js';

export default defineCheck({
  id: 'paths/stray-profile-dir',
  title: 'Every ~/.openclaw-<name> dir is a profile',
  scope: 'host',
  looksAt: '~/.openclaw-* dirs without a config, service or lock',
  run(context) {
    const { model } = context;
    const findings: FindingDraft[] = [];
    for (const stray of model.strayDirs ?? []) {
      if (stray.kind !== 'stray') continue;
      findings.push({
        severity: 'info',
        profile: null,
        message: `${stray.path} looks like a state dir but is not a profile: ${stray.reason}`,
        fixHint: 'Move it aside (nothing is deleted); remove it once nothing missed it.',
        ...fixOf(() => [
          moveAside(stray.path, context.live.snapshot.takenAt, { owner: null, profiles: model.profiles, realPaths: model.realPaths }, model.invocation),
        ]),
        evidence: { path: stray.path, holds: stray.holds, reason: stray.reason },
      });
    }
    return findings;
  },
});
