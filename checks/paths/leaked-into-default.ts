// `~/.openclaw` holds only what other profiles left in it (pre-2026.8 workspace-<p> dirs, tmp): not a default profile.
import { defineCheck, type FindingDraft } from '../../src/doctor/api.js';
import { fixOf, moveAside, safeCommands } from '../../src/fixes/commands.js';

export default defineCheck({
  id: 'paths/leaked-into-default',
  title: "~/.openclaw holds the default profile's files only",
  scope: 'host',
  looksAt: '~/.openclaw without a config, service or lock of its own',
  run(context) {
    const { model } = context;
    const findings: FindingDraft[] = [];
    for (const stray of model.strayDirs ?? []) {
      if (stray.kind !== 'leaked-into-default') continue;
      const build = () => [
        moveAside(stray.path, context.live.snapshot.takenAt, { owner: null, profiles: model.profiles, realPaths: model.realPaths }, model.invocation),
      ];
      // A named profile of the pre-2026.8 layout may still use its workspace-<p> in there: then nothing is moved.
      const movable = safeCommands(build).length > 0;
      findings.push({
        severity: 'warning',
        profile: null,
        message: `${stray.path} is not a default profile: ${stray.reason} (holds ${stray.holds.join(', ')}); a plain \`openclaw\` would start a fresh default profile on top of it`,
        fixHint: movable
          ? 'Nothing uses these files now: move the dir aside (nothing is deleted) and copy back what you still want into the profile it came from.'
          : "A profile still uses a path inside it: pin that profile's agents.defaults.workspace to its own state dir first, then move the dir aside.",
        ...fixOf(build),
        evidence: { path: stray.path, holds: stray.holds, reason: stray.reason, movable },
      });
    }
    return findings;
  },
});
