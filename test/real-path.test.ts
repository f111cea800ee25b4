// realPathOf on a real temp tree: symlinked dirs and files resolve, paths not created yet keep their tail.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { realPathOf } from '../src/real-path.js';

let root: string;
let real: string;

beforeAll(() => {
  // The temp dir may itself sit behind a symlink (macOS /var -> /private/var), so compare against its real path.
  root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'clawdoc-real-path-')));
  real = path.join(root, 'real-state');
  fs.mkdirSync(path.join(real, 'workspace'), { recursive: true });
  fs.writeFileSync(path.join(real, 'openclaw.json'), '{}');
  fs.symlinkSync(real, path.join(root, 'linked-state'), 'dir');
  fs.symlinkSync(path.join(real, 'openclaw.json'), path.join(root, 'linked-config.json'), 'file');
});

afterAll(() => {
  fs.rmSync(root, { recursive: true, force: true });
});

describe('realPathOf', () => {
  it('resolves a symlinked directory and a file reached through it', () => {
    expect(realPathOf(path.join(root, 'linked-state'))).toBe(real);
    expect(realPathOf(path.join(root, 'linked-state', 'openclaw.json'))).toBe(path.join(real, 'openclaw.json'));
  });

  it('resolves a symlinked file', () => {
    expect(realPathOf(path.join(root, 'linked-config.json'))).toBe(path.join(real, 'openclaw.json'));
  });

  it('resolves the existing prefix of a path that does not exist yet and keeps the rest', () => {
    expect(realPathOf(path.join(root, 'linked-state', 'workspace-rescue', 'memory'))).toBe(path.join(real, 'workspace-rescue', 'memory'));
  });

  it('leaves a path without symlinks as it is, made absolute and normalised', () => {
    expect(realPathOf(path.join(real, 'workspace', '..', 'openclaw.json'))).toBe(path.join(real, 'openclaw.json'));
    expect(realPathOf(path.relative(process.cwd(), path.join(real, 'workspace')))).toBe(path.join(real, 'workspace'));
  });
});
