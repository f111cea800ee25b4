// Pairs of profiles that name the same path, or one inside the other, compared as real paths.
import path from 'node:path';
import type { Profile } from '../model.js';
import type { CheckContext } from './api.js';
import { real } from './helpers.js';

export interface NamedPath {
  /** The config key or rule that produced the path. */
  key: string;
  path: string;
}

export interface SharedPath {
  a: Profile;
  b: Profile;
  pathA: NamedPath;
  pathB: NamedPath;
  /** `same`, or `a-inside-b` / `b-inside-a` when nested. */
  relation: 'same' | 'a-inside-b' | 'b-inside-a';
}

/** True when `child` lies strictly inside `parent`. */
export function inside(child: string, parent: string): boolean {
  const relative = path.relative(parent, child);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

/** The dirs above `file`, nearest first, as `path.relative` sees them (resolved, so `inside` agrees). */
export function* ancestorsOf(file: string): Generator<string> {
  let current = path.resolve(file);
  for (let parent = path.dirname(current); parent !== current; parent = path.dirname(parent)) {
    yield parent;
    current = parent;
  }
}

/**
 * Finds the pairs (i, j) of `reals` that are equal, or one inside the other when `nested`, without comparing
 * every pair: equal paths meet in one bucket, and a path meets the paths it lies inside by walking up its dirs.
 * Each hit is then confirmed with the same test the pairwise loop used, so the answer is that loop's.
 */
export function relatedPaths(reals: readonly string[], nested: boolean): Array<[number, number]> {
  const byReal = new Map<string, number[]>();
  const byResolved = new Map<string, number[]>();
  const add = (map: Map<string, number[]>, key: string, index: number) => {
    const list = map.get(key);
    if (list) list.push(index);
    else map.set(key, [index]);
  };
  reals.forEach((file, index) => {
    add(byReal, file, index);
    if (nested) add(byResolved, path.resolve(file), index);
  });
  const pairs: Array<[number, number]> = [];
  for (const indexes of byReal.values()) {
    for (let i = 0; i < indexes.length; i += 1) for (let j = i + 1; j < indexes.length; j += 1) pairs.push([indexes[i]!, indexes[j]!]);
  }
  if (nested) {
    reals.forEach((file, index) => {
      for (const dir of ancestorsOf(file)) {
        for (const outer of byResolved.get(dir) ?? []) {
          if (reals[outer] !== file && inside(file, reals[outer]!)) pairs.push(index < outer ? [index, outer] : [outer, index]);
        }
      }
    });
  }
  return pairs;
}

export function sharedPaths(context: CheckContext, pick: (profile: Profile) => NamedPath[], nested: boolean): SharedPath[] {
  const named = context.profiles.flatMap((profile, order) => pick(profile).map((entry, slot) => ({ profile, order, slot, entry })));
  const reals = named.map((item) => real(context, item.entry.path));
  const shared: Array<SharedPath & { rank: number[] }> = [];
  for (const [x, y] of relatedPaths(reals, nested)) {
    const [first, second] = named[x]!.order <= named[y]!.order ? [x, y] : [y, x];
    const one = named[first]!;
    const other = named[second]!;
    if (one.order === other.order) continue;
    const realA = reals[first]!;
    const realB = reals[second]!;
    const relation = realA === realB ? 'same' : inside(realA, realB) ? 'a-inside-b' : 'b-inside-a';
    shared.push({ a: one.profile, b: other.profile, pathA: one.entry, pathB: other.entry, relation, rank: [one.order, other.order, one.slot, other.slot] });
  }
  // The order of the pairwise loop this replaces: by profile pair, then by path of each side.
  shared.sort((p, q) => compareRanks(p.rank, q.rank));
  return shared.map(({ rank: _rank, ...pair }) => pair);
}

function compareRanks(p: readonly number[], q: readonly number[]): number {
  for (let index = 0; index < p.length; index += 1) if (p[index] !== q[index]) return p[index]! - q[index]!;
  return 0;
}
