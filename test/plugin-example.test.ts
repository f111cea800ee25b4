// The README's plugin example runs exactly as written, from a directory outside the repository, through the built CLI.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureHome, ROOT } from './support/runtime.js';

let dir = '';

beforeAll(() => {
  execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'ignore' });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clawdoc-plugin-example-'));
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const example = /<!-- plugin-example -->\s*```js\n([\s\S]*?)```/.exec(readme);
  if (!example) throw new Error('README.md has no <!-- plugin-example --> block');
  fs.writeFileSync(path.join(dir, 'my-checks.mjs'), example[1]!);
}, 120_000);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function clawdoc(args: string[]) {
  return spawnSync(process.execPath, [path.join(ROOT, 'bin/clawdoc.js'), ...args], { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH, HOME: dir } });
}

describe('README plugin example', () => {
  it('loads with --plugin ./my-checks.mjs and fires on a rescue that is not on 29789', () => {
    const run = clawdoc(['--home', fixtureHome('healthy-main-rescue'), 'doctor', '--all-profiles', '--json', '--only', 'site/', '--plugin', './my-checks.mjs']);
    expect(run.stderr).toBe('');
    const report = JSON.parse(run.stdout) as { findings: Array<{ checkId: string; profile: string; fix: { commands: string[] } }> };
    expect(report.findings.map((finding) => [finding.checkId, finding.profile, finding.fix.commands])).toEqual([
      ['site/rescue-port', 'rescue', ['openclaw --profile rescue config set gateway.port 29789']],
    ]);
  });

  it('shows up in clawdoc checks', () => {
    const run = clawdoc(['checks', '--json', '--plugin', './my-checks.mjs']);
    const ids = (JSON.parse(run.stdout) as { checks: Array<{ id: string }> }).checks.map((check) => check.id);
    expect(ids).toContain('site/rescue-port');
    expect(ids).toContain('ports/duplicate-gateway');
  });
});
