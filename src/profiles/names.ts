// Profile names and the state dir / config path OpenClaw derives from them.
import path from 'node:path';

/** OpenClaw's rule for `--profile NAME` (case is kept). */
const PROFILE_NAME_PATTERN = /^[a-z0-9][a-z0-9_-]{0,63}$/i;
export const DEFAULT_PROFILE = 'default';

export function isValidProfileName(name: string): boolean {
  return PROFILE_NAME_PATTERN.test(name);
}

/** `default` in any case means the default profile. */
export function isDefaultProfileName(name: string): boolean {
  return name.toLowerCase() === DEFAULT_PROFILE;
}

export function profileStateDir(home: string, profile: string): string {
  return isDefaultProfileName(profile) ? path.join(home, '.openclaw') : path.join(home, `.openclaw-${profile}`);
}

/**
 * What clawdoc's fixes move aside (`<dir>.stray-<yyyymmdd>`, `<link>.link-<yyyymmddThhmmss>`, src/fixes/commands.ts):
 * kept for the operator to remove, never a profile, so not scanned as one (a rename to a valid name would revive it).
 */
export const MOVED_ASIDE = /\.(?:stray-\d{8}|link-\d{8}T\d{6})$/;

/** The profile a `.openclaw-<name>` dir belongs to, or null for other names. */
export function profileFromStateDirName(dirName: string): string | null {
  if (dirName === '.openclaw') return DEFAULT_PROFILE;
  const match = /^\.openclaw-(.+)$/.exec(dirName);
  return match ? match[1]! : null;
}

export function profileNameProblem(name: string): string | null {
  if (isValidProfileName(name)) return null;
  return `"${name}" is not a valid OpenClaw profile name: use 1-64 letters, digits, "_" or "-", starting with a letter or digit`;
}
