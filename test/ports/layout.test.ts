import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { decideLayout, findInstalledOpenClaw, layoutForRelease } from '../../src/ports/layout.js';
import type { Invocation } from '../../src/model.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function installAt(prefix: string, version: string): string {
  const root = path.join(prefix, 'lib', 'node_modules', 'openclaw');
  fs.mkdirSync(root, { recursive: true });
  fs.writeFileSync(path.join(root, 'package.json'), JSON.stringify({ name: 'openclaw', version }));
  fs.writeFileSync(path.join(root, 'openclaw.mjs'), '');
  return root;
}

function invocation(home: string, env: Record<string, string> = {}): Invocation {
  return { home, env, selectedProfile: null, uid: 1000, tmpDir: '/tmp', platform: 'linux' };
}

describe('layout', () => {
  it('maps releases to layouts', () => {
    expect(layoutForRelease('2026.9.6')).toBe('2026.9');
    expect(layoutForRelease('2026.12.1-beta.1')).toBe('2026.9');
    expect(layoutForRelease('2027.1.0')).toBe('2026.9');
    expect(layoutForRelease('2026.8.3')).toBe('2026.1');
    expect(layoutForRelease('2026.1.30')).toBe('2026.1');
  });

  it('says why: flag, installed release, or nothing found', () => {
    expect(decideLayout('2026.1', null)).toMatchObject({ version: '2026.1', reason: '--layout 2026.1' });
    expect(decideLayout(null, { version: '2026.6.2', packageJson: '/x/package.json' })).toEqual({
      version: '2026.1',
      reason: 'openclaw 2026.6.2 is installed (/x/package.json)',
      hashDefaultPort: false,
      legacyWorkspaceDefault: true,
    });
    expect(decideLayout(null, null)).toMatchObject({
      version: '2026.9',
      reason: 'no OpenClaw install found on this host; using the current layout',
      hashDefaultPort: true,
    });
  });

  it("--layout brings its era's defaults, whatever release is installed: 2026.1 has no profile-name hash", () => {
    expect(decideLayout('2026.1', null)).toMatchObject({ hashDefaultPort: false, legacyWorkspaceDefault: true });
    expect(decideLayout('2026.9', null)).toMatchObject({ hashDefaultPort: true, legacyWorkspaceDefault: false });
    expect(decideLayout(null, { version: '2026.8.1', packageJson: '/x' })).toMatchObject({
      version: '2026.1',
      hashDefaultPort: true,
      legacyWorkspaceDefault: false,
    });
  });

  it("finds the install linked from PATH and under the home's npm prefix, without spawning it", () => {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'clawdoc-layout-'));
    dirs.push(home);
    const root = installAt(path.join(home, 'opt'), '2026.9.6');
    const bin = path.join(home, 'bin');
    fs.mkdirSync(bin);
    fs.symlinkSync(path.join(root, 'openclaw.mjs'), path.join(bin, 'openclaw'));
    expect(findInstalledOpenClaw(invocation(home, { PATH: bin }), [])).toEqual({
      version: '2026.9.6',
      packageJson: path.join(fs.realpathSync(root), 'package.json'),
    });

    installAt(path.join(home, '.npm-global'), '2026.5.1');
    expect(findInstalledOpenClaw(invocation(home, {}), [])?.version).toBe('2026.5.1');
  });
});
