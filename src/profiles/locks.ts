// Gateway lock files: `gateway.state.lock` and `gateway.<sha256(configPath)[0:8]>.lock`, JSON padded with spaces.
import fs from 'node:fs';
import path from 'node:path';
import type { Invocation, LockFile } from '../model.js';
import { describeBoundedFailure, READ_CAPS, readBounded } from '../read-bounded.js';
import { asPort } from '../ports/port-number.js';

const STATE_LOCK = 'gateway.state.lock';
const CONFIG_LOCK = /^gateway\.[0-9a-f]{8}\.lock$/;

export interface LockDir {
  dir: string;
  location: LockFile['location'];
}

/** `<stateDir>/tmp/openclaw-<uid>/` (2026.7+) and the older `<os.tmpdir()>/openclaw-<uid>/`. */
export function lockDirs(invocation: Invocation, stateDir: string): LockDir[] {
  const name = `openclaw-${invocation.uid}`;
  return [
    { dir: path.join(stateDir, 'tmp', name), location: 'state-dir' },
    { dir: path.join(invocation.tmpDir, name), location: 'tmpdir' },
  ];
}

function emptyLock(file: string, kind: LockFile['kind'], location: LockFile['location'], problem: string): LockFile {
  return { file, kind, location, pid: null, port: null, configPath: null, stateDir: null, createdAt: null, role: null, problem };
}

function field<T>(value: unknown, type: 'string' | 'number'): T | null {
  return typeof value === type ? (value as T) : null;
}

export function parseLock(file: string, kind: LockFile['kind'], location: LockFile['location'], text: string): LockFile {
  const trimmed = text.replace(/\0+$/, '').trim();
  if (trimmed === '') return emptyLock(file, kind, location, 'the lock file is empty');
  let payload: unknown;
  try {
    payload = JSON.parse(trimmed);
  } catch {
    return emptyLock(file, kind, location, 'the lock file is not valid JSON (truncated or garbage)');
  }
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload))
    return emptyLock(file, kind, location, 'the lock file does not hold a JSON object');
  const record = payload as Record<string, unknown>;
  const pid = field<number>(record.pid, 'number');
  if (pid === null || !Number.isInteger(pid) || pid <= 0) return emptyLock(file, kind, location, 'the lock file names no valid pid');
  const port = field<number>(record.port, 'number');
  return {
    file,
    kind,
    location,
    pid,
    port: asPort(port),
    configPath: field<string>(record.configPath, 'string'),
    stateDir: field<string>(record.stateDir, 'string'),
    createdAt: field<string>(record.createdAt, 'string'),
    role: field<string>(record.role, 'string'),
    problem: null,
  };
}

function readLock(file: string, kind: LockFile['kind'], location: LockFile['location']): LockFile {
  const result = readBounded(file, READ_CAPS.lock);
  if (!result.ok) {
    if (result.reason === 'error') return emptyLock(file, kind, location, `cannot read the lock file: ${result.code}`);
    if (result.reason === 'too-large')
      return emptyLock(file, kind, location, `the lock file ${describeBoundedFailure(result)}: too large to be a gateway lock`);
    return emptyLock(file, kind, location, `the lock path ${describeBoundedFailure(result)}`);
  }
  const buffer = result.data;
  if (buffer.subarray(0, Math.min(buffer.length, 4096)).some((byte) => byte < 9 || (byte > 13 && byte < 32))) {
    return emptyLock(file, kind, location, 'the lock file holds binary data');
  }
  return parseLock(file, kind, location, buffer.toString('utf8'));
}

/** Every gateway lock in `dir`; a missing dir has none. Never throws. */
export function readLockFiles(dir: string, location: LockFile['location']): LockFile[] {
  let entries: string[];
  try {
    entries = fs.readdirSync(dir).sort();
  } catch {
    return [];
  }
  const locks: LockFile[] = [];
  for (const entry of entries) {
    if (entry === STATE_LOCK) locks.push(readLock(path.join(dir, entry), 'state', location));
    else if (CONFIG_LOCK.test(entry)) locks.push(readLock(path.join(dir, entry), 'config', location));
  }
  return locks;
}
