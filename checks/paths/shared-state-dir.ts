// Two profiles share a state dir (sessions, credentials, caches, locks): their gateways corrupt each other's state.
import path from 'node:path';
import { defineCheck, type CheckContext } from '../../src/doctor/api.js';
import { profileToMove, real } from '../../src/doctor/helpers.js';
import { sharedPaths, type SharedPath } from '../../src/doctor/shared-paths.js';
import { openclawHint, reinstallGatewayService, replaceSymlinkWithDir, restartIfRunning, safeCommands, unsetEnv } from '../../src/fixes/commands.js';
import { tildePath } from '../../src/paths.js';
import type { Profile } from '../../src/model.js';
import { profileStateDir } from '../../src/profiles/names.js';

/** True when a symlink at the dir's own name leads elsewhere (`~/.openclaw-rescue -> ~/.openclaw-main`); a home dir behind a symlink does not count. */
function isLinked(context: CheckContext, file: string): boolean {
  const target = real(context, file);
  return target !== file && (path.basename(target) !== path.basename(file) || path.basename(path.dirname(target)) !== path.basename(path.dirname(file)));
}

/** Not where `--profile <p>` puts its state: set by a service, the shell or a symlink, so this is the side to change. */
function isDisplaced(context: CheckContext, profile: Profile): boolean {
  if (isLinked(context, profile.stateDir)) return true;
  if (profile.foundIn.includes('legacy-state-dir')) return false;
  return profile.stateDir !== profileStateDir(context.model.invocation.home, profile.openclawName);
}

function pickMoving(context: CheckContext, shared: SharedPath): Profile {
  const displacedA = isDisplaced(context, shared.a);
  const displacedB = isDisplaced(context, shared.b);
  if (displacedA !== displacedB) return displacedA ? shared.a : shared.b;
  return profileToMove(context, shared.a, shared.b).moving;
}

interface Remedy {
  cause: string;
  fixHint: string;
  commands: string[];
}

function remedy(context: CheckContext, moving: Profile, staying: Profile): Remedy {
  const home = context.model.invocation.home;
  const name = moving.openclawName;
  const own = tildePath(home, profileStateDir(home, name));
  const dir = tildePath(home, moving.stateDir);
  const services = moving.services.filter((service) => service.isGateway && service.env.OPENCLAW_STATE_DIR);
  if (services.length > 0) {
    return {
      cause: `OPENCLAW_STATE_DIR in ${services.map((service) => service.name).join(', ')}`,
      fixHint: `Reinstall ${name}'s service from its profile so it runs on ${own}; until now its sessions and credentials were written to ${dir}, copy what it still needs first.`,
      commands: safeCommands(() => reinstallGatewayService(moving, context.model.invocation)),
    };
  }
  if (moving.envSelected && context.model.invocation.env.OPENCLAW_STATE_DIR) {
    return {
      cause: 'OPENCLAW_STATE_DIR in this shell',
      fixHint: `Drop OPENCLAW_STATE_DIR (and OPENCLAW_CONFIG_PATH) from this shell and its rc file, then select the profile with \`${openclawHint({ name }, [], context.model.invocation)}\`, which uses ${own}.`,
      commands: [unsetEnv('OPENCLAW_STATE_DIR', 'OPENCLAW_CONFIG_PATH')],
    };
  }
  if (isLinked(context, moving.stateDir)) {
    return {
      cause: `${dir} is a symlink to ${tildePath(home, real(context, moving.stateDir))}`,
      fixHint: `Replace the symlink ${dir} with a dir of its own (the link is moved aside; nothing of ${staying.name}'s is touched); to start ${name} from ${staying.name}'s settings, copy openclaw.json over and give it its own gateway.port and workspace.`,
      commands: safeCommands(() => [
        ...replaceSymlinkWithDir(moving.stateDir, context.live.snapshot.takenAt, context.model.invocation),
        ...restartIfRunning(moving, context.live, context.model.invocation),
      ]),
    };
  }
  const lock = moving.locks.find((candidate) => candidate.stateDir !== null);
  return {
    cause: lock ? `the lock file ${lock.file}` : `found in ${moving.foundIn.join(', ')}`,
    fixHint: `Find what starts ${name} with OPENCLAW_STATE_DIR=${dir}${lock ? ` (its lock file is ${lock.file})` : ''} and start it with \`${openclawHint({ name }, [], context.model.invocation)}\` instead, which uses ${own}.`,
    commands: [],
  };
}

function describe(context: CheckContext, shared: SharedPath, moving: Profile, staying: Profile): string {
  const home = context.model.invocation.home;
  const show = (profile: Profile) => tildePath(home, profile.stateDir);
  if (shared.relation === 'same') {
    const target = tildePath(home, real(context, moving.stateDir));
    return show(moving) === show(staying)
      ? `both use ${show(moving)}`
      : `${moving.name}'s ${show(moving)} and ${staying.name}'s ${show(staying)} are both ${target}`;
  }
  const [child, parent] = shared.relation === 'a-inside-b' ? [shared.a, shared.b] : [shared.b, shared.a];
  return `${child.name}'s ${show(child)} lies inside ${parent.name}'s ${show(parent)}`;
}

export default defineCheck({
  id: 'paths/shared-state-dir',
  title: 'Every profile has its own state dir',
  scope: 'host',
  looksAt: "the real path of every profile's state dir (after symlinks) and what set it (service, shell, symlink, lock)",
  run(context) {
    return sharedPaths(context, (profile) => [{ key: 'OPENCLAW_STATE_DIR', path: profile.stateDir }], true).map((shared) => {
      const moving = pickMoving(context, shared);
      const staying = moving === shared.a ? shared.b : shared.a;
      const fix = remedy(context, moving, staying);
      return {
        severity: 'error' as const,
        profile: moving.name,
        message: `${moving.name} and ${staying.name} share a state dir: ${describe(context, shared, moving, staying)}`,
        fixHint: fix.fixHint,
        ...(fix.commands.length > 0 ? { fix: { commands: fix.commands } } : {}),
        profiles: [staying.name, moving.name],
        evidence: {
          relation: shared.relation === 'same' ? 'same' : 'nested',
          ...(shared.relation === 'same'
            ? {}
            : { nested: shared.relation === 'a-inside-b' ? { inner: shared.a.name, outer: shared.b.name } : { inner: shared.b.name, outer: shared.a.name } }),
          stateDirs: { [staying.name]: staying.stateDir, [moving.name]: moving.stateDir },
          realPaths: { [staying.name]: real(context, staying.stateDir), [moving.name]: real(context, moving.stateDir) },
          cause: fix.cause,
        },
      };
    });
  },
});
