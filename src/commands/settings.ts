// The files `doctor` and `watch` read besides the home: the user's clawdoc config and a baseline, each failing as a usage error.
import fs from 'node:fs';
import path from 'node:path';
import { parseUserConfig, UserConfigError, type UserConfig } from '../report/formats/user-config.js';
import { BaselineError, parseBaseline, type BaselineFile } from '../report/formats/baseline.js';
import type { Runtime } from '../runtime.js';
import { UsageError } from './context.js';

/**
 * The user config dir as each platform's convention has it: `$XDG_CONFIG_HOME` or `~/.config` on
 * Linux and other Unixes, `~/Library/Application Support` on macOS, `%APPDATA%` on Windows.
 */
function userConfigDir(runtime: Runtime): string {
  const env = runtime.env;
  const home = env.HOME || env.USERPROFILE || runtime.homedir;
  if (runtime.platform === 'win32') return env.APPDATA || path.join(home, 'AppData', 'Roaming');
  if (runtime.platform === 'darwin') return path.join(home, 'Library', 'Application Support');
  return env.XDG_CONFIG_HOME && path.isAbsolute(env.XDG_CONFIG_HOME) ? env.XDG_CONFIG_HOME : path.join(home, '.config');
}

function defaultUserConfigPath(runtime: Runtime): string {
  return path.join(userConfigDir(runtime), 'clawdoc', 'config.json');
}

export interface LoadedUserConfig {
  config: UserConfig;
  /** The file it came from; null when there was none. */
  file: string | null;
}

function readText(file: string, what: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`${what} ${file}: cannot read it (${code ?? (error as Error).message})`);
  }
}

/** `--config <file>` must exist; the default file may be absent, and then nothing changes. */
export function loadUserConfig(runtime: Runtime, explicit: string | undefined): LoadedUserConfig {
  const file = explicit !== undefined ? path.resolve(runtime.cwd, explicit) : defaultUserConfigPath(runtime);
  if (explicit === undefined && !fs.existsSync(file)) return { config: {}, file: null };
  try {
    return { config: parseUserConfig(readText(file, 'config'), file), file };
  } catch (error) {
    if (error instanceof UserConfigError) throw new UsageError(`config ${error.message}`);
    throw error;
  }
}

export function loadBaseline(file: string): BaselineFile {
  try {
    return parseBaseline(readText(file, 'baseline'), file);
  } catch (error) {
    if (error instanceof BaselineError) throw new UsageError(`baseline ${error.message}`);
    throw error;
  }
}
