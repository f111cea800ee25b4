// `clawdoc baseline`, `doctor --baseline` and the user config file, through the CLI.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fixtureHome, runCli } from '../support/runtime.js';

const home = fixtureHome('duplicate-port');

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clawdoc-baseline-'));
  dirs.push(dir);
  return dir;
}

/** A run with its own config dir (XDG_CONFIG_HOME), so the developer's real config never leaks in. */
function cli(configHome: string, args: string[]) {
  return runCli(['--home', home, '--layout', '2026.9', ...args], { env: { PATH: '/usr/bin:/bin', HOME: home, XDG_CONFIG_HOME: configHome } });
}

describe('clawdoc baseline', () => {
  it('writes every current finding with its fingerprint and the reason', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'accepted.json');
    const run = await cli(dir, ['baseline', '--all-profiles', '--output', file, '--reason', 'moving rescue in Q1']);
    expect([run.exitCode, run.stderr]).toEqual([0, '']);
    expect(run.stdout).toContain(`wrote 3 accepted findings to ${file}`);
    const baseline = JSON.parse(fs.readFileSync(file, 'utf8'));
    expect(baseline).toMatchObject({ schemaVersion: 1, generatedAt: '2026-11-25T00:00:00.000Z' });
    expect(baseline.findings.map((entry: { checkId: string; profile: string; reason: string }) => [entry.checkId, entry.profile, entry.reason])).toEqual([
      ['ports/duplicate-gateway', 'rescue', 'moving rescue in Q1'],
      ['gateway/not-running', 'main', 'moving rescue in Q1'],
      ['gateway/not-running', 'rescue', 'moving rescue in Q1'],
    ]);
  });

  it('answers a JSON envelope under --json', async () => {
    const dir = tempDir();
    const run = await cli(dir, ['--json', 'baseline', '--all-profiles', '--output', path.join(dir, 'b.json')]);
    expect(JSON.parse(run.stdout)).toMatchObject({ command: 'baseline', ok: true, findings: [{ checkId: 'ports/duplicate-gateway' }, {}, {}] });
  });

  it('keeps the reasons already written when refreshed without --reason', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'b.json');
    await cli(dir, ['baseline', '--all-profiles', '--output', file, '--reason', 'known']);
    await cli(dir, ['baseline', '--all-profiles', '--output', file]);
    expect(JSON.parse(fs.readFileSync(file, 'utf8')).findings.map((entry: { reason: string }) => entry.reason)).toEqual(['known', 'known', 'known']);
  });
});

describe('doctor --baseline', () => {
  it('hides accepted findings from the report and the exit code', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'b.json');
    await cli(dir, ['baseline', '--all-profiles', '--output', file]);
    const run = await cli(dir, ['doctor', '--all-profiles', '--json', '--baseline', file]);
    const report = JSON.parse(run.stdout);
    expect([report.findings, report.ok, run.exitCode]).toEqual([[], true, 0]);
    expect(report.baseline).toMatchObject({ file, gone: [] });
    expect(report.baseline.hidden).toHaveLength(3);
    const text = await cli(dir, ['doctor', '--all-profiles', '--no-color', '--baseline', file]);
    expect(text.stdout).toContain('3 accepted in the baseline, not shown');
    expect([text.stderr, text.exitCode]).toEqual(['', 0]);
  });

  it('warns when an accepted finding is gone: on stderr in text, in a field in JSON', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'b.json');
    const gone = { fingerprint: 'a'.repeat(32), checkId: 'ports/spacing', profile: 'main', message: 'was too close', reason: 'fixed since' };
    fs.writeFileSync(file, JSON.stringify({ schemaVersion: 1, generatedAt: '2026-11-01T00:00:00.000Z', findings: [gone] }));
    const text = await cli(dir, ['doctor', '--all-profiles', '--no-color', '--baseline', file]);
    expect(text.stderr).toContain('1 accepted finding is gone');
    expect(text.stderr).toContain(`ports/spacing (main) ${'a'.repeat(32)}`);
    expect(text.exitCode).toBe(1);
    const json = await cli(dir, ['doctor', '--all-profiles', '--json', '--baseline', file]);
    expect(JSON.parse(json.stdout).baseline.gone).toEqual([gone]);
    expect(json.stderr).toBe('');
  });

  it('a broken or missing baseline file is a usage error naming the file', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'b.json');
    fs.writeFileSync(file, '{"schemaVersion": 2}');
    const broken = await cli(dir, ['doctor', '--all-profiles', '--baseline', file]);
    expect([broken.exitCode, broken.stderr.replace(/\s+/g, ' ')]).toEqual([2, expect.stringContaining(`${file}: schemaVersion must be 1 (found 2)`)]);
    const missing = await cli(dir, ['--json', 'doctor', '--all-profiles', '--baseline', path.join(dir, 'none.json')]);
    expect(JSON.parse(missing.stdout)).toMatchObject({ ok: false, error: { code: 'usage', message: expect.stringContaining('cannot read it (ENOENT)') } });
  });
});

describe('the user config file', () => {
  function writeConfig(dir: string, text: string): string {
    fs.mkdirSync(path.join(dir, 'clawdoc'), { recursive: true });
    const file = path.join(dir, 'clawdoc', 'config.json');
    fs.writeFileSync(file, text);
    return file;
  }

  it('is read from clawdoc/config.json under $XDG_CONFIG_HOME: failOn, skip and severity', async () => {
    const dir = tempDir();
    writeConfig(dir, `{ failOn: 'info', skip: ['ports/'], severity: { 'gateway/not-running': 'warning' } }`);
    const report = JSON.parse((await cli(dir, ['doctor', '--all-profiles', '--json'])).stdout);
    expect(report.failOn).toBe('info');
    expect(report.checks).not.toContain('ports/duplicate-gateway');
    expect(report.findings.map((finding: { checkId: string; severity: string }) => `${finding.severity} ${finding.checkId}`)).toEqual([
      'warning gateway/not-running',
      'warning gateway/not-running',
    ]);
  });

  it('yields to the flags: --fail-on wins, --skip adds', async () => {
    const dir = tempDir();
    writeConfig(dir, `{ failOn: 'info', skip: ['gateway/'] }`);
    const run = await cli(dir, ['doctor', '--all-profiles', '--json', '--fail-on', 'error', '--skip', 'ports/duplicate-gateway']);
    const report = JSON.parse(run.stdout);
    expect([report.failOn, report.findings, run.exitCode]).toEqual(['error', [], 0]);
  });

  it('`off` drops a check’s findings and the exit code follows', async () => {
    const dir = tempDir();
    writeConfig(dir, `{ severity: { 'ports/duplicate-gateway': 'off' } }`);
    const run = await cli(dir, ['doctor', '--all-profiles', '--json']);
    expect(JSON.parse(run.stdout).summary).toEqual({ error: 0, warning: 0, info: 2 });
    expect(run.exitCode).toBe(0);
  });

  it('names a baseline relative to itself', async () => {
    const dir = tempDir();
    writeConfig(dir, `{ baseline: 'accepted.json' }`);
    const made = await cli(dir, ['baseline', '--all-profiles']);
    expect(made.stdout).toContain(path.join(dir, 'clawdoc', 'accepted.json'));
    const run = await cli(dir, ['doctor', '--all-profiles', '--json']);
    expect([JSON.parse(run.stdout).findings, run.exitCode]).toEqual([[], 0]);
  });

  it('--config reads another file; a missing one is a usage error', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'ci.json5');
    fs.writeFileSync(file, `{ failOn: 'info' }`);
    expect(JSON.parse((await cli(dir, ['doctor', '--all-profiles', '--json', '--config', file])).stdout).failOn).toBe('info');
    const missing = await cli(dir, ['doctor', '--all-profiles', '--config', path.join(dir, 'nope.json')]);
    expect(missing.exitCode).toBe(2);
  });

  it('an invalid config is a usage error (exit 2) naming the file and the key, in text and JSON', async () => {
    const dir = tempDir();
    const file = writeConfig(dir, `{ failOn: 'fatal' }`);
    const text = await cli(dir, ['doctor', '--all-profiles']);
    expect([text.exitCode, text.stdout, text.stderr.replace(/\s+/g, ' ')]).toEqual([
      2,
      '',
      expect.stringContaining(`clawdoc: config ${file}: failOn must be one of`),
    ]);
    writeConfig(dir, `{ failon: 'error' }`);
    const json = await cli(dir, ['doctor', '--all-profiles', '--json']);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, error: { code: 'usage', message: expect.stringContaining('unknown key "failon"') } });
  });
});
