// Two profiles share a session store, a log file or an OAuth dir.
import path from 'node:path';
import { defineCheck, type CheckContext } from '../../src/doctor/api.js';
import { profileToMove, real } from '../../src/doctor/helpers.js';
import { sharedPaths, type NamedPath } from '../../src/doctor/shared-paths.js';
import { configSetAt, configUnsetAt, reinstallGatewayService, restartIfRunning, safeCommands, unsetEnv } from '../../src/fixes/commands.js';
import { tildePath } from '../../src/paths.js';
import type { Profile } from '../../src/model.js';

function otherPaths(profile: Profile): NamedPath[] {
  const paths: NamedPath[] = [];
  if (profile.sessionStore) paths.push({ key: 'session.store', path: profile.sessionStore });
  if (profile.logFile) paths.push({ key: 'logging.file', path: profile.logFile });
  if (profile.oauthDir) paths.push({ key: 'OPENCLAW_OAUTH_DIR', path: profile.oauthDir });
  return paths;
}

interface Remedy {
  fixHint: string;
  commands: string[];
}

function remedy(context: CheckContext, profile: Profile, key: string): Remedy {
  const home = context.model.invocation.home;
  const restart = () => restartIfRunning(profile, context.live, context.model.invocation);
  switch (key) {
    case 'session.store':
      // Without session.store each agent keeps its sessions under <stateDir>/agents/<agentId>/sessions/ (OpenClaw docs, "openclaw sessions").
      return {
        fixHint: `Unset ${profile.name}'s session.store so its sessions go to ${tildePath(home, path.join(profile.stateDir, 'agents'))}/<agentId>/sessions/, its own state dir.`,
        commands: safeCommands(() => [configUnsetAt(profile, key, context.model.invocation), ...restart()]),
      };
    case 'logging.file': {
      // Unset is no fix here: the default /tmp/openclaw/openclaw-<date>.log is one file for every profile.
      const own = path.join(profile.stateDir, 'logs', 'openclaw.log');
      return {
        fixHint: `Point ${profile.name}'s logging.file at a file of its own, e.g. ${tildePath(home, own)}.`,
        commands: safeCommands(() => [configSetAt(profile, key, own, context.model.invocation), ...restart()]),
      };
    }
    default: {
      const services = profile.services.filter((service) => service.isGateway && service.env.OPENCLAW_OAUTH_DIR);
      const own = tildePath(home, path.join(profile.stateDir, 'credentials'));
      if (services.length > 0) {
        return {
          fixHint: `Drop OPENCLAW_OAUTH_DIR from ${services.map((service) => service.file).join(', ')} by reinstalling ${profile.name}'s service, so it keeps OAuth state in ${own}.`,
          commands: safeCommands(() => reinstallGatewayService(profile, context.model.invocation)),
        };
      }
      return {
        fixHint: `Drop OPENCLAW_OAUTH_DIR from the environment ${profile.name} runs with (this shell and its rc file), so it keeps OAuth state in ${own}.`,
        commands: safeCommands(() => [unsetEnv('OPENCLAW_OAUTH_DIR'), ...restart()]),
      };
    }
  }
}

export default defineCheck({
  id: 'paths/shared-other',
  title: 'No two profiles share a session store, log file or OAuth dir',
  scope: 'host',
  looksAt: 'session.store, logging.file and OPENCLAW_OAUTH_DIR of every profile (real paths)',
  run(context) {
    const home = context.model.invocation.home;
    return sharedPaths(context, otherPaths, false).map((shared) => {
      const { moving, staying } = profileToMove(context, shared.a, shared.b);
      const [mine, theirs] = moving === shared.a ? [shared.pathA, shared.pathB] : [shared.pathB, shared.pathA];
      const file = tildePath(home, real(context, mine.path));
      const what = mine.key === theirs.key ? `share ${mine.key}` : `use one path as ${moving.name}'s ${mine.key} and ${staying.name}'s ${theirs.key}`;
      const fix = remedy(context, moving, mine.key);
      return {
        severity: 'error' as const,
        profile: moving.name,
        message: `${moving.name} and ${staying.name} ${what}: both use ${file}`,
        path: mine.key,
        fixHint: fix.fixHint,
        ...(fix.commands.length > 0 ? { fix: { commands: fix.commands } } : {}),
        profiles: [staying.name, moving.name],
        evidence: {
          keys: { [staying.name]: theirs.key, [moving.name]: mine.key },
          paths: { [staying.name]: theirs.path, [moving.name]: mine.path },
          realPath: real(context, mine.path),
        },
      };
    });
  },
});
