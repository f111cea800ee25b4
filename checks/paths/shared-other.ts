// Two profiles share a session store, a log file or an OAuth dir.
import { defineCheck } from '../../src/checks/api.js';
import { profileToMove } from '../../src/checks/helpers.js';
import { describeRelation, sharedPaths, type NamedPath } from '../../src/checks/shared-paths.js';
import { configSet } from '../../src/fixes/commands.js';
import type { Profile } from '../../src/model.js';

function otherPaths(profile: Profile): NamedPath[] {
  const paths: NamedPath[] = [];
  if (profile.sessionStore) paths.push({ key: 'session.store', path: profile.sessionStore });
  if (profile.logFile) paths.push({ key: 'logging.file', path: profile.logFile });
  if (profile.oauthDir) paths.push({ key: 'OPENCLAW_OAUTH_DIR', path: profile.oauthDir });
  return paths;
}

export default defineCheck({
  id: 'paths/shared-other',
  title: 'No two profiles share a session store, log file or OAuth dir',
  scope: 'host',
  looksAt: 'session.store, logging.file and OPENCLAW_OAUTH_DIR of every profile (real paths)',
  run(context) {
    const home = context.model.invocation.home;
    return sharedPaths(context, otherPaths, false).map((shared) => {
        const moving = profileToMove(context, shared.a, shared.b);
        const staying = moving === shared.a ? shared.b : shared.a;
        const [mine, theirs] = moving === shared.a ? [shared.pathA, shared.pathB] : [shared.pathB, shared.pathA];
        const key = mine.key;
        const what = mine.key === theirs.key ? `share ${key}` : `use one file as ${moving.name}'s ${key} and ${staying.name}'s ${theirs.key}`;
        const isEnv = key === 'OPENCLAW_OAUTH_DIR';
        const target = `${moving.stateDir}/${key === 'session.store' ? 'sessions.json' : key === 'logging.file' ? 'logs/gateway.log' : 'credentials'}`;
        return {
          severity: 'error' as const,
          profile: moving.name,
          message: `${moving.name} and ${staying.name} ${what}: ${describeRelation(shared, home)}`,
          path: key,
          fixHint: isEnv ? `Unset OPENCLAW_OAUTH_DIR for ${moving.name} (its default lives in its own state dir) or point it at ${target}.` : `Point ${moving.name}'s ${key} at a file of its own, e.g. ${target}.`,
          fix: { commands: isEnv ? ['unset OPENCLAW_OAUTH_DIR'] : [configSet(moving, key, target)] },
          evidence: { profiles: [staying.name, moving.name], keys: { [moving.name]: key, [staying.name]: theirs.key }, path: shared.pathA.path },
        };
      });
  },
});
