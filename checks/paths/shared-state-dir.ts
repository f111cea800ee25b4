// Two profiles share a state dir (sessions, credentials, caches, locks): their gateways corrupt each other's state.
import { defineCheck } from '../../src/checks/api.js';
import { profileToMove } from '../../src/checks/helpers.js';
import { describeRelation, sharedPaths } from '../../src/checks/shared-paths.js';
import { openclawFor, restartGateway } from '../../src/fixes/commands.js';
import type { Profile } from '../../src/model.js';
import { profileStateDir } from '../../src/profiles/names.js';

export default defineCheck({
  id: 'paths/shared-state-dir',
  title: 'Every profile has its own state dir',
  scope: 'host',
  looksAt: 'the real path of every profile\'s state dir (after symlinks)',
  run(context) {
    const home = context.model.invocation.home;
    return sharedPaths(context, (profile) => [{ key: 'OPENCLAW_STATE_DIR', path: profile.stateDir }], true).map((shared) => {
      const moving = profileToMove(context, shared.a, shared.b);
      const staying = moving === shared.a ? shared.b : shared.a;
      const own = profileStateDir(home, moving.name.replace(/^env:/, ''));
      return {
        severity: 'error' as const,
        profile: moving.name,
        message: `${moving.name} and ${staying.name} share a state dir: ${describeRelation(shared, home)}`,
        fixHint: `Run ${moving.name} with its own state dir: \`${openclawFor(moving)}\` uses ${own}; remove OPENCLAW_STATE_DIR from its service or shell if it points elsewhere.`,
        fix: { commands: ownStateDirCommands(moving) },
        evidence: { profiles: [staying.name, moving.name], stateDirs: { [shared.a.name]: shared.a.stateDir, [shared.b.name]: shared.b.stateDir }, relation: shared.relation, foundIn: { [shared.a.name]: shared.a.foundIn, [shared.b.name]: shared.b.foundIn } },
      };
    });
  },
});

/** The shell's OPENCLAW_STATE_DIR for an env identity; otherwise a service rewritten by `gateway install`. */
function ownStateDirCommands(profile: Profile): string[] {
  if (profile.envSelected && !profile.services.length) return ['unset OPENCLAW_STATE_DIR OPENCLAW_CONFIG_PATH', `${openclawFor(profile)} status`];
  return [`${openclawFor(profile)} gateway install --force`, ...restartGateway(profile)];
}
