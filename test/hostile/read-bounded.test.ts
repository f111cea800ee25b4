// The bounded reader: regular files only, a FIFO never blocks, the cap holds while reading whatever stat says.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { describeBoundedFailure, formatBytes, readBounded } from '../../src/read-bounded.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clawdoc-read-'));
  dirs.push(dir);
  return dir;
}

describe('readBounded', () => {
  it('reads a regular file up to exactly its cap, and refuses one byte more', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'ten'), '0123456789');
    expect(readBounded(path.join(dir, 'ten'), 10)).toEqual({ ok: true, data: Buffer.from('0123456789') });
    expect(readBounded(path.join(dir, 'ten'), 9)).toEqual({ ok: false, reason: 'too-large', limit: 9 });
    fs.writeFileSync(path.join(dir, 'empty'), '');
    expect(readBounded(path.join(dir, 'empty'), 9)).toEqual({ ok: true, data: Buffer.alloc(0) });
  });

  it('reads across chunks', () => {
    const dir = tempDir();
    const data = Buffer.alloc(200 * 1024, 7);
    fs.writeFileSync(path.join(dir, 'big'), data);
    const result = readBounded(path.join(dir, 'big'), 256 * 1024);
    expect(result.ok && result.data.equals(data)).toBe(true);
  });

  it.skipIf(!fs.existsSync('/proc/self/status'))('enforces the cap while reading, not from stat.size (a /proc file reports size 0)', () => {
    expect(fs.statSync('/proc/self/status').size).toBe(0);
    expect(readBounded('/proc/self/status', 16)).toEqual({ ok: false, reason: 'too-large', limit: 16 });
  });

  it('refuses devices, directories and FIFOs without blocking', () => {
    const dir = tempDir();
    execFileSync('mkfifo', [path.join(dir, 'pipe')]);
    fs.symlinkSync('/dev/zero', path.join(dir, 'zero'));
    expect(readBounded(path.join(dir, 'pipe'), 100)).toEqual({ ok: false, reason: 'not-regular', kind: 'a FIFO (named pipe)' });
    expect(readBounded(path.join(dir, 'zero'), 100)).toEqual({ ok: false, reason: 'not-regular', kind: 'a character device' });
    expect(readBounded('/dev/urandom', 100)).toEqual({ ok: false, reason: 'not-regular', kind: 'a character device' });
    expect(readBounded(dir, 100)).toEqual({ ok: false, reason: 'not-regular', kind: 'a directory' });
  });

  it('returns open errors with their code instead of throwing', () => {
    expect(readBounded('/nonexistent/x', 10)).toEqual({ ok: false, reason: 'error', code: 'ENOENT' });
  });

  it('describes each failure in words', () => {
    expect(describeBoundedFailure({ ok: false, reason: 'not-regular', kind: 'a FIFO (named pipe)' })).toBe('is a FIFO (named pipe), not a regular file');
    expect(describeBoundedFailure({ ok: false, reason: 'too-large', limit: 2 * 1024 * 1024 })).toBe('is larger than 2 MiB');
    expect(describeBoundedFailure({ ok: false, reason: 'error', code: 'EACCES' })).toBe('cannot be read: EACCES');
    expect([64 * 1024, 1000].map(formatBytes)).toEqual(['64 KiB', '1000 bytes']);
  });
});
