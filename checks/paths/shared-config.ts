// Two profiles read the same config file: every change to one changes the other, ports and workspace included.
import path from 'node:path';
import { defineCheck, type CheckContext } from '../../src/doctor/api.js';
import { profileToMove, real } from '../../src/doctor/helpers.js';
import { sharedPaths } from '../../src/doctor/shared-paths.js';
import {
  copyConfig,
  openclawHint,
  reinstallGatewayService,
  replaceSymlinkWithCopy,
  restartIfRunning,
  safeCommands,
  unsetEnv,
} from '../../src/fixes/commands.js';
import { tildePath } from '../../src/paths.js';
import type { Profile } from '../../src/model.js';

/** True when a symlink at the file or its dir leads elsewhere; a home dir behind a symlink does not count. */
function isLinked(context: CheckContext, file: string): boolean {
  const target = real(context, file);
  return target !== file && (path.basename(target) !== path.basename(file) || path.basename(path.dirname(target)) !== path.basename(path.dirname(file)));
}

/** The config `--profile <p>` would read: `<stateDir>/openclaw.json` (or the legacy `clawdbot.json` beside it). */
function isOwnDefault(profile: Profile): boolean {
  return path.dirname(profile.configPath) === profile.stateDir && ['openclaw.json', 'clawdbot.json'].includes(path.basename(profile.configPath));
}

/** Set by a service, the shell or a symlink: the side whose own file can be restored. */
function isDisplaced(context: CheckContext, profile: Profile): boolean {
  return !isOwnDefault(profile) || isLinked(context, profile.configPath);
}

interface Remedy {
  cause: string;
  fixHint: string;
  commands: string[];
}

function remedy(context: CheckContext, moving: Profile, staying: Profile, sharedFile: string): Remedy {
  const home = context.model.invocation.home;
  const name = moving.openclawName;
  const own = path.join(moving.stateDir, 'openclaw.json');
  const then = `then give the copy its own gateway.port and workspace (until the split, every \`config set\` for one changes both)`;
  const services = moving.services.filter((service) => service.isGateway && service.env.OPENCLAW_CONFIG_PATH);
  if (services.length > 0) {
    return {
      cause: `OPENCLAW_CONFIG_PATH in ${services.map((service) => service.name).join(', ')}`,
      fixHint: `Copy the file to ${tildePath(home, own)} and reinstall ${name}'s service from its profile so it reads that copy; ${then}.`,
      commands: safeCommands(() => [copyConfig(sharedFile, own, context.model.invocation), ...reinstallGatewayService(moving, context.model.invocation)]),
    };
  }
  if (moving.envSelected && context.model.invocation.env.OPENCLAW_CONFIG_PATH) {
    return {
      cause: 'OPENCLAW_CONFIG_PATH in this shell',
      fixHint: `Copy the file to ${tildePath(home, own)}, drop OPENCLAW_CONFIG_PATH from this shell and its rc file, and use \`${openclawHint({ name }, [], context.model.invocation)}\`; ${then}.`,
      commands: safeCommands(() => [copyConfig(sharedFile, own, context.model.invocation), unsetEnv('OPENCLAW_CONFIG_PATH')]),
    };
  }
  // Reached through a state dir that is a symlink to another's: splitting the state dir (paths/shared-state-dir) splits this too.
  if (isLinked(context, moving.stateDir) && path.dirname(moving.configPath) === moving.stateDir) {
    return {
      cause: `${tildePath(home, moving.stateDir)} is a symlink to ${tildePath(home, real(context, moving.stateDir))}`,
      fixHint: `Give ${name} a state dir of its own (paths/shared-state-dir replaces the symlink ${tildePath(home, moving.stateDir)}); then copy ${tildePath(home, sharedFile)} into it if ${name} should start from these settings, and ${then.replace(/^then /, '')}.`,
      commands: [],
    };
  }
  if (isLinked(context, moving.configPath)) {
    return {
      cause: `${tildePath(home, moving.configPath)} is a symlink to ${tildePath(home, real(context, moving.configPath))}`,
      fixHint: `Replace the symlink ${tildePath(home, moving.configPath)} with a copy of the file; ${then}.`,
      commands: safeCommands(() => [
        ...replaceSymlinkWithCopy(moving.configPath, real(context, moving.configPath), context.live.snapshot.takenAt, context.model.invocation),
        ...restartIfRunning(moving, context.live, context.model.invocation),
      ]),
    };
  }
  return {
    cause: `found in ${moving.foundIn.join(', ')}`,
    fixHint: `Find what starts ${name} with OPENCLAW_CONFIG_PATH=${tildePath(home, moving.configPath)}, copy the file to ${tildePath(home, own)} and start it with \`${openclawHint({ name }, [], context.model.invocation)}\`; ${then}.`,
    commands: [],
  };
}

export default defineCheck({
  id: 'paths/shared-config',
  title: 'Every profile has its own config file',
  scope: 'host',
  looksAt: "the real path of every profile's config file (after symlinks) and what set it (service, shell, symlink)",
  run(context) {
    const home = context.model.invocation.home;
    return sharedPaths(context, (profile) => [{ key: 'OPENCLAW_CONFIG_PATH', path: profile.configPath }], false).map((shared) => {
      const displacedA = isDisplaced(context, shared.a);
      const displacedB = isDisplaced(context, shared.b);
      const moving = displacedA !== displacedB ? (displacedA ? shared.a : shared.b) : profileToMove(context, shared.a, shared.b).moving;
      const staying = moving === shared.a ? shared.b : shared.a;
      const file = real(context, staying.configPath);
      const shown = (profile: Profile) => tildePath(home, profile.configPath);
      const fix = remedy(context, moving, staying, file);
      return {
        severity: 'error' as const,
        profile: moving.name,
        message:
          shown(moving) === shown(staying)
            ? `${moving.name} and ${staying.name} read the same config file ${shown(moving)}`
            : `${moving.name} and ${staying.name} read the same config file: ${moving.name}'s ${shown(moving)} is ${tildePath(home, file)}`,
        fixHint: fix.fixHint,
        ...(fix.commands.length > 0 ? { fix: { commands: fix.commands } } : {}),
        profiles: [staying.name, moving.name],
        evidence: {
          configPaths: { [staying.name]: staying.configPath, [moving.name]: moving.configPath },
          realPath: file,
          cause: fix.cause,
        },
      };
    });
  },
});
