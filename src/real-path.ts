// Real paths after symlinks, also for paths that do not exist yet (a workspace not created, a log file).
import fs from 'node:fs';
import path from 'node:path';

/** Resolves the longest existing prefix through symlinks and appends the rest unchanged. */
export function realPathOf(file: string): string {
  const absolute = path.resolve(file);
  let existing = absolute;
  const rest: string[] = [];
  for (;;) {
    try {
      return path.join(fs.realpathSync(existing), ...rest.reverse());
    } catch {
      const parent = path.dirname(existing);
      if (parent === existing) return absolute;
      rest.push(path.basename(existing));
      existing = parent;
    }
  }
}
