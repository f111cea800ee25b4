// Reads a file from a path someone else controls: regular files only, never blocking, never more than a cap.
import fs from 'node:fs';

/** Caps per kind of file clawdoc reads from a host; each is far above any real file of that kind. */
export const READ_CAPS = {
  /** OpenClaw refuses includes over 2 MiB (MAX_INCLUDE_FILE_BYTES, src/config/includes.ts); the main config gets the same cap. */
  config: 2 * 1024 * 1024,
  /** A gateway lock is one JSON line plus padding: a few hundred bytes. */
  lock: 64 * 1024,
  /** Unit files, plists, gateway.cmd scripts, service .env files. */
  service: 256 * 1024,
  /** A process environment: Linux caps argv plus environment at a quarter of the stack limit, 2 MiB by default (ARG_MAX). */
  environ: 2 * 1024 * 1024,
} as const;

export type BoundedRead =
  | { ok: true; data: Buffer }
  /** `kind` says what the path is instead: `a FIFO`, `a character device`, ... */
  | { ok: false; reason: 'not-regular'; kind: string }
  | { ok: false; reason: 'too-large'; limit: number }
  | { ok: false; reason: 'error'; code: string };

const CHUNK = 64 * 1024;
// O_NONBLOCK: opening a FIFO with no writer must return at once instead of waiting for one.
// O_NOCTTY: opening a terminal must not make it ours. Both are 0 where the platform lacks them.
const OPEN_FLAGS = fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0) | (fs.constants.O_NOCTTY ?? 0);

function kindOf(stat: fs.Stats): string | null {
  if (stat.isFile()) return null;
  if (stat.isDirectory()) return 'a directory';
  if (stat.isFIFO()) return 'a FIFO (named pipe)';
  if (stat.isCharacterDevice()) return 'a character device';
  if (stat.isBlockDevice()) return 'a block device';
  if (stat.isSocket()) return 'a socket';
  return 'of an unknown file type';
}

/** Human words for a failed read: `is a FIFO (named pipe), not a regular file`, `is larger than 2 MiB`. */
export function describeBoundedFailure(result: Exclude<BoundedRead, { ok: true }>): string {
  if (result.reason === 'not-regular') return `is ${result.kind}, not a regular file`;
  if (result.reason === 'too-large') return `is larger than ${formatBytes(result.limit)}`;
  return `cannot be read: ${result.code}`;
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / 1024 / 1024} MiB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}

/**
 * Reads at most `limit` bytes of a regular file. The size is enforced while reading, not from
 * stat.size: a file may grow between stat and read, and /proc-like files report 0.
 * Never throws: open errors come back as `reason: 'error'` with their errno code.
 */
export function readBounded(file: string, limit: number): BoundedRead {
  let fd: number;
  try {
    // A stat first, so a device is never opened at all (opening some devices has side effects).
    const kind = kindOf(fs.statSync(file));
    if (kind) return { ok: false, reason: 'not-regular', kind };
    fd = fs.openSync(file, OPEN_FLAGS);
  } catch (error) {
    return { ok: false, reason: 'error', code: (error as NodeJS.ErrnoException).code ?? String(error) };
  }
  try {
    // fstat on the opened fd decides: the path may have been swapped since the stat above.
    const kind = kindOf(fs.fstatSync(fd));
    if (kind) return { ok: false, reason: 'not-regular', kind };
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(CHUNK, limit + 1 - total));
      const read = fs.readSync(fd, chunk, 0, chunk.length, null);
      if (read === 0) break;
      total += read;
      if (total > limit) return { ok: false, reason: 'too-large', limit };
      chunks.push(read === chunk.length ? chunk : chunk.subarray(0, read));
    }
    return { ok: true, data: Buffer.concat(chunks, total) };
  } catch (error) {
    return { ok: false, reason: 'error', code: (error as NodeJS.ErrnoException).code ?? String(error) };
  } finally {
    fs.closeSync(fd);
  }
}
