// Path helpers every stage shares: containment, `~` expansion as OpenClaw does it, and `~` display.
import path from 'node:path';

/** True when `child` is `parent` or lies under it (lexically; callers compare real paths where symlinks matter). */
export function isUnder(child: string, parent: string): boolean {
  const relative = path.relative(parent, child);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/** A path from a config, env var or service: `~` and `~/x` under `home`, relative ones against `relativeTo`. */
export function expandUserPath(file: string, home: string, relativeTo: string = home): string {
  if (file === '~') return home;
  if (file.startsWith('~/')) return path.join(home, file.slice(2));
  return path.resolve(relativeTo, file);
}

/** `~/.openclaw-rescue` for a path under `home`: for messages and reports, never for commands (the shell's `~` may be another home). */
export function tildePath(home: string, file: string): string {
  if (file === home) return '~';
  return file.startsWith(`${home}/`) ? `~/${file.slice(home.length + 1)}` : file;
}
