// Windows paths as task definitions, launchers and gateway scripts write them, read on any host.
import fs from 'node:fs';
import path from 'node:path';
import { isUnder } from '../../paths.js';
import { profileFromStateDirName } from '../names.js';

/** `C:\x` or `\\server\share\x`: a Windows absolute path, whatever host reads it. */
export function isWindowsPath(file: string): boolean {
  return /^[A-Za-z]:[\\/]|^\\\\[^\\]/.test(file);
}

/** The last segment of a path written with either separator (`C:\Users\bob\.openclaw-rescue` → `.openclaw-rescue`). */
export function baseNameOf(file: string): string {
  return (
    file
      .split(/[\\/]+/)
      .filter((part) => part !== '')
      .pop() ?? ''
  );
}

/** The path from its state dir on (`\.openclaw-rescue\gateway.cmd`), under `home`; null when no segment is a state dir. */
function onHome(file: string, home: string): string | null {
  const parts = file.split(/[\\/]+/);
  const at = parts.findIndex((part) => profileFromStateDirName(part) !== null);
  return at === -1 ? null : path.join(home, ...parts.slice(at));
}

/**
 * A Windows path this host cannot open as it is (a Windows home read from Linux or macOS), moved onto
 * `home` from its state dir on; any other path is returned unchanged.
 */
export function rebaseWindowsPath(file: string, home: string): string {
  if (!isWindowsPath(file) || path.isAbsolute(file)) return file;
  return onHome(file, home) ?? file;
}

export type Located = { file: string } | { elsewhere: string } | { unmapped: string };

function exists(file: string): boolean {
  try {
    fs.statSync(file);
    return true;
  } catch {
    return false;
  }
}

/**
 * Where a launch path a task or Startup entry names is on this host. Tasks are machine-wide: a path that
 * exists outside `home` is another account's gateway (`elsewhere`). A path this host cannot open (or that
 * is gone, in a copied home) is looked up under `home` from its state dir on, as service env files are.
 */
export function locateLaunchPath(named: string, home: string): Located {
  if (path.isAbsolute(named)) {
    if (isUnder(named, home)) return { file: named };
    if (exists(named)) return { elsewhere: named };
  }
  const mapped = onHome(named, home);
  return mapped === null ? { unmapped: named } : { file: mapped };
}
