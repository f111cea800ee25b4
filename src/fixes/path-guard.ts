// Refuses fix commands that would delete, overwrite or move another profile's real files (a state dir symlinked to another profile's).
import path from 'node:path';
import type { Profile } from '../model.js';
import { UnsafeCommandValue } from './command-line.js';
import { profilePaths } from '../paths.js';

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

/** `file` and every dir above it, nearest first. */
function* selfAndAncestors(file: string): Generator<string> {
  let current = file;
  while (true) {
    yield current;
    const parent = path.dirname(current);
    if (parent === current) return;
    current = parent;
  }
}

/** The real path of `file` from the model's map: its own entry, else its nearest mapped parent's real path plus the rest. */
function realOf(file: string, realPaths: Readonly<Record<string, string>>): string {
  for (const ancestor of selfAndAncestors(file)) {
    if (ancestor in realPaths) return ancestor === file ? realPaths[file]! : path.join(realPaths[ancestor]!, path.relative(ancestor, file));
  }
  return file;
}

// A path reached through a link at its own name (`~/.openclaw-rescue -> ~/.openclaw-main`); a home behind a symlink keeps the names.
function isLinkedElsewhere(file: string, real: string): boolean {
  return real !== file && (path.basename(real) !== path.basename(file) || path.basename(path.dirname(real)) !== path.basename(path.dirname(file)));
}

interface OwnedPath {
  profile: string;
  /** Its place in the model's profile order: of several owners, the first one is named. */
  order: number;
  own: string;
  real: string;
}

/** Every profile's paths indexed once per model, so a fix on a host of thousands of profiles is checked in O(depth), not O(profiles). */
interface GuardIndex {
  /** Lexical path → the profiles that name it, for "whose file is this". */
  byPath: Map<string, OwnedPath[]>;
  /** Real path → the profiles whose files really are there (links to elsewhere left out: the profile linked to is checked). */
  byReal: Map<string, OwnedPath[]>;
  /** The same real paths sorted, for "which of them lie under this dir". */
  sortedReal: OwnedPath[];
}

const indexes = new WeakMap<object, GuardIndex>();

function indexOf(guard: PathGuard): GuardIndex {
  const cached = indexes.get(guard.profiles);
  if (cached) return cached;
  const byPath = new Map<string, OwnedPath[]>();
  const byReal = new Map<string, OwnedPath[]>();
  const sortedReal: OwnedPath[] = [];
  guard.profiles.forEach((profile, order) => {
    for (const own of profilePaths(profile)) {
      const entry = { profile: profile.name, order, own, real: realOf(own, guard.realPaths) };
      byPath.set(own, [...(byPath.get(own) ?? []), entry]);
      if (isLinkedElsewhere(own, entry.real)) continue;
      byReal.set(entry.real, [...(byReal.get(entry.real) ?? []), entry]);
      sortedReal.push(entry);
    }
  });
  sortedReal.sort((a, b) => (a.real < b.real ? -1 : a.real > b.real ? 1 : a.order - b.order));
  const index = { byPath, byReal, sortedReal };
  indexes.set(guard.profiles, index);
  return index;
}

/** The entries whose real path lies strictly under `dir`, by binary search over the sorted real paths. */
function realPathsUnder(dir: string, sorted: readonly OwnedPath[]): OwnedPath[] {
  const prefix = dir.endsWith(path.sep) ? dir : `${dir}${path.sep}`;
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (sorted[middle]!.real < prefix) low = middle + 1;
    else high = middle;
  }
  const found: OwnedPath[] = [];
  for (let index = low; index < sorted.length && sorted[index]!.real.startsWith(prefix); index += 1) found.push(sorted[index]!);
  return found;
}

/**
 * Throws UnsafeCommandValue when `file`, after symlinks, is, holds or sits inside a path another profile
 * really owns. `onLinkItself`: the command acts on a symlink at `file`, not through it (`rm link`,
 * `mv link`), which is safe when only `file` itself, not a dir above it, is the link.
 */
export function assertNotOthersPath(file: string, guard: PathGuard, onLinkItself = false): void {
  const { realPaths } = guard;
  const index = indexOf(guard);
  const real = realOf(file, realPaths);
  if (onLinkItself && realOf(path.dirname(file), realPaths) === path.dirname(file)) return;
  let owner: string | null;
  if (guard.owner !== undefined) owner = guard.owner;
  else {
    const naming = [...selfAndAncestors(file)].flatMap((ancestor) => index.byPath.get(ancestor) ?? []);
    owner = naming.length === 0 ? null : naming.reduce((first, entry) => (entry.order < first.order ? entry : first)).profile;
  }
  // Another profile's real path at or above this one (this file sits in it), or below it (this file holds it).
  const around = [...[...selfAndAncestors(real)].flatMap((ancestor) => index.byReal.get(ancestor) ?? []), ...realPathsUnder(real, index.sortedReal)];
  const conflict = around.filter((entry) => entry.profile !== owner).sort((a, b) => a.order - b.order)[0];
  if (conflict) {
    throw new UnsafeCommandValue('path', file, `its real path ${real} is or holds ${conflict.own}, which belongs to the profile ${conflict.profile}`);
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
