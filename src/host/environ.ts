// A few named variables of a process's environment (/proc/<pid>/environ), never the rest: it may hold secrets.
import fs from 'node:fs';
import { describeBoundedFailure, READ_CAPS, readBounded } from '../read-bounded.js';

export type EnvironRead = { ok: true; env: Record<string, string> } | { ok: false; reason: string };

/** The entries of a NUL-separated environment block whose names are in `keys`; the first of a repeated name wins, as getenv does. */
export function pickEnviron(environ: string, keys: ReadonlySet<string>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const entry of environ.split('\0')) {
    const eq = entry.indexOf('=');
    const key = entry.slice(0, eq);
    if (eq > 0 && keys.has(key) && !Object.hasOwn(env, key)) env[key] = entry.slice(eq + 1);
  }
  return env;
}

/** Reads `keys` from /proc/<pid>/environ, bounded by READ_CAPS.environ; a failure says why (gone, another user's, too large). */
export function readEnviron(pid: number, keys: ReadonlySet<string>): EnvironRead {
  const read = readBounded(`/proc/${pid}/environ`, READ_CAPS.environ);
  if (!read.ok) return { ok: false, reason: `/proc/${pid}/environ ${describeBoundedFailure(read)}` };
  return { ok: true, env: pickEnviron(read.data.toString('utf8'), keys) };
}

/** The uid that owns /proc/<pid> (the process's effective uid), or null when the pid is gone. */
export function procOwner(pid: number): number | null {
  try {
    return fs.statSync(`/proc/${pid}`).uid;
  } catch {
    return null;
  }
}
