// Refuses fix commands that would delete, overwrite or move another profile's real files (a state dir symlinked to another profile's).
import path from 'node:path';
import type { Profile } from '../model.js';
import { UnsafeCommandValue } from './command-line.js';

type GuardedProfile = Pick<Profile, 'name' | 'stateDir' | 'configPath' | 'workspaces' | 'sessionStore' | 'logFile' | 'oauthDir'>;

/** The profiles of a model and where their paths really are. `owner`: the profile a fix is about, null when none (a stray dir). */
export interface PathGuard {
  owner?: string | null;
  profiles: readonly GuardedProfile[];
  /** The model's realPaths: path → real path after symlinks. */
  realPaths: Readonly<Record<string, string>>;
}

// Commands get the model's invocation as their host; the model's guard rides along with it, so every check's fix is guarded.
const guards = new WeakMap<object, PathGuard>();

/** Attaches the model's paths to its invocation: helpers given that invocation as host then refuse other profiles' files. */
export function registerPathGuard(invocation: object, guard: PathGuard): void {
  guards.set(invocation, guard);
}

function guardOf(host: object | undefined): PathGuard | undefined {
  return host ? guards.get(host) : undefined;
}

function isWithin(child: string, parent: string): boolean {
  const relative = path.relative(parent, child);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/** The real path of `file` from the model's map: its own entry, else its nearest mapped parent's real path plus the rest. */
function realOf(file: string, realPaths: Readonly<Record<string, string>>): string {
  if (file in realPaths) return realPaths[file]!;
  let best: string | null = null;
  for (const key of Object.keys(realPaths)) if (isWithin(file, key) && (best === null || key.length > best.length)) best = key;
  return best === null ? file : path.join(realPaths[best]!, path.relative(best, file));
}

// A path reached through a link at its own name (`~/.openclaw-rescue -> ~/.openclaw-main`); a home behind a symlink keeps the names.
function isLinkedElsewhere(file: string, real: string): boolean {
  return real !== file && (path.basename(real) !== path.basename(file) || path.basename(path.dirname(real)) !== path.basename(path.dirname(file)));
}

function pathsOf(profile: GuardedProfile): string[] {
  return [
    profile.stateDir,
    profile.configPath,
    profile.sessionStore,
    profile.logFile,
    profile.oauthDir,
    ...profile.workspaces.map((entry) => entry.path),
  ].filter((file): file is string => file !== null);
}

/**
 * Throws UnsafeCommandValue when `file`, after symlinks, is, holds or sits inside a path another profile
 * really owns. `onLinkItself`: the command acts on a symlink at `file`, not through it (`rm link`,
 * `mv link`), which is safe when only `file` itself, not a dir above it, is the link.
 */
export function assertNotOthersPath(file: string, guard: PathGuard, onLinkItself = false): void {
  const { realPaths } = guard;
  const real = realOf(file, realPaths);
  if (onLinkItself && realOf(path.dirname(file), realPaths) === path.dirname(file)) return;
  const owner = guard.owner !== undefined ? guard.owner : (guard.profiles.find((profile) => pathsOf(profile).some((own) => isWithin(file, own)))?.name ?? null);
  for (const profile of guard.profiles) {
    if (profile.name === owner) continue;
    for (const own of pathsOf(profile)) {
      const ownReal = realOf(own, realPaths);
      // Another profile's path that itself goes through a link is not where its files are: the profile it links to is checked on its own.
      if (isLinkedElsewhere(own, ownReal)) continue;
      if (isWithin(real, ownReal) || isWithin(ownReal, real)) {
        throw new UnsafeCommandValue('path', file, `its real path ${real} is or holds ${own}, which belongs to the profile ${profile.name}`);
      }
    }
  }
}

/** Guards `file` when the host carries a model's guard (see registerPathGuard); a no-op otherwise. */
export function guardPath(file: string, host: object | undefined, onLinkItself = false): void {
  const guard = guardOf(host);
  if (guard) assertNotOthersPath(file, guard, onLinkItself);
}

/** Refuses a `config set` / `config unset` of `profileName` whose config file is, after symlinks, another profile's. */
export function guardConfigWrite(profileName: string, host: object | undefined): void {
  const guard = guardOf(host);
  const profile = guard?.profiles.find((candidate) => candidate.name === profileName);
  if (guard && profile) assertNotOthersPath(profile.configPath, { ...guard, owner: profileName });
}
