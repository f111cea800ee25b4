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

export function sharedPaths(context: CheckContext, pick: (profile: Profile) => NamedPath[], nested: boolean): SharedPath[] {
  const shared: SharedPath[] = [];
  const profiles = context.profiles;
  for (let i = 0; i < profiles.length; i += 1) {
    for (let j = i + 1; j < profiles.length; j += 1) {
      const a = profiles[i]!;
      const b = profiles[j]!;
      for (const pathA of pick(a)) {
        for (const pathB of pick(b)) {
          const realA = real(context, pathA.path);
          const realB = real(context, pathB.path);
          const relation = realA === realB ? 'same' : nested && inside(realA, realB) ? 'a-inside-b' : nested && inside(realB, realA) ? 'b-inside-a' : null;
          if (relation) shared.push({ a, b, pathA, pathB, relation });
        }
      }
    }
  }
  return shared;
}
