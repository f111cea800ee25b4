// Path helpers every stage shares: containment, `~` expansion as OpenClaw does it, and `~` display.
import path from 'node:path';
import type { Profile } from './model.js';

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

/** Every path a profile owns that another profile must not share: state dir, config, session store, log, OAuth dir, workspaces. */
export function profilePaths(profile: Pick<Profile, 'stateDir' | 'configPath' | 'sessionStore' | 'logFile' | 'oauthDir' | 'workspaces'>): string[] {
  return [
    profile.stateDir,
    profile.configPath,
    profile.sessionStore,
    profile.logFile,
    profile.oauthDir,
    ...profile.workspaces.map((entry) => entry.path),
  ].filter((file): file is string => file !== null);
}
