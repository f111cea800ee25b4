// `<stateDir>/.env`: variables OpenClaw loads into its environment before substituting `${VAR}` in the config.
import path from 'node:path';
import { readBounded } from '../read-bounded.js';

// OpenClaw reads at most 1 MiB of a dotenv file (MAX_DOTENV_FILE_BYTES, 2026.9.6); a larger one is skipped.
const MAX_DOTENV_BYTES = 1024 * 1024;

// The `dotenv` package's line grammar, which OpenClaw uses: `[export ]KEY=value` or `KEY: value`, values single-,
// double- or backtick-quoted (quoted values may span lines), else up to a `#` comment.
const LINE = /^\s*(?:export\s+)?([\w.-]+)(?:\s*=\s*?|:\s+?)(\s*'(?:\\'|[^'])*'|\s*"(?:\\"|[^"])*"|\s*`(?:\\`|[^`])*`|[^#\r\n]+)?\s*(?:#.*)?$/gm;
const PORTABLE_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** KEY=VALUE pairs of a dotenv text (a later line wins, as in dotenv); keys that are not portable names are dropped. */
export function parseDotEnv(text: string): Record<string, string> {
  const entries: Record<string, string> = {};
  const source = text.replace(/\r\n?/g, '\n');
  for (const match of source.matchAll(LINE)) {
    const key = match[1]!;
    let value = (match[2] ?? '').trim();
    const quote = value[0];
    if ((quote === "'" || quote === '"' || quote === '`') && value.endsWith(quote) && value.length >= 2) {
      value = value.slice(1, -1);
      if (quote === '"') value = value.replace(/\\n/g, '\n').replace(/\\r/g, '\r');
    }
    if (PORTABLE_KEY.test(key)) entries[key] = value;
  }
  return entries;
}

/** The variables of `<stateDir>/.env`, or none when it is absent, not a regular file or over the cap. */
export function readStateDotEnv(stateDir: string): Record<string, string> {
  const read = readBounded(path.join(stateDir, '.env'), MAX_DOTENV_BYTES);
  return read.ok ? parseDotEnv(read.data.toString('utf8')) : {};
}

/** `env` with the `.env` variables it does not set already: the process environment wins, as in OpenClaw. */
export function withDotEnv(env: Readonly<Record<string, string | undefined>>, dotenv: Readonly<Record<string, string>>): Record<string, string | undefined> {
  const merged: Record<string, string | undefined> = { ...env };
  for (const [key, value] of Object.entries(dotenv)) if (merged[key] === undefined) merged[key] = value;
  return merged;
}
