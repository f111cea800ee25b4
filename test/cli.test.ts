// The CLI as a user meets it: plugins, the check list, colour, selection and exit codes.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fixtureHome, runCli } from './support/runtime.js';
import { builtinChecks } from '../checks/index.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function plugin(source: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clawdoc-plugin-'));
  dirs.push(dir);
  const file = path.join(dir, 'my-checks.mjs');
  fs.writeFileSync(file, source);
  return file;
}

const home = fixtureHome('healthy-main-rescue');
const env = { PATH: '/usr/bin:/bin', HOME: home };

describe('plugins', () => {
  const source = `export default {
    id: 'site/no-rescue-on-19789',
    title: 'Our rescue bots never use 19789',
    scope: 'profile',
    run({ profile }) {
      if (profile.gatewayPort.port !== 19789) return [];
      return [{ severity: 'warning', profile: profile.name, message: profile.name + ' uses 19789', fixHint: 'use our range', fix: { commands: ['openclaw --profile ' + profile.name + ' config set gateway.port 29789'] }, evidence: { port: 19789 } }];
    },
  };`;

  it('loads a check from a file and runs it with the built-ins', async () => {
    const run = await runCli(['--home', home, 'doctor', '--all-profiles', '--json', '--plugin', plugin(source), '--fail-on', 'warning'], { env });
    const report = JSON.parse(run.stdout);
    expect(report.checks).toContain('site/no-rescue-on-19789');
    expect(report.findings.filter((finding: { checkId: string }) => finding.checkId === 'site/no-rescue-on-19789')).toEqual([
      {
        checkId: 'site/no-rescue-on-19789',
        severity: 'warning',
        profile: 'rescue',
        profiles: ['rescue'],
        message: 'rescue uses 19789',
        fixHint: 'use our range',
        fix: { commands: ['openclaw --profile rescue config set gateway.port 29789'] },
        evidence: { port: 19789 },
      },
    ]);
    expect(run.exitCode).toBe(1);
  });

  it('lists plugin checks in `clawdoc checks`', async () => {
    const run = await runCli(['checks', '--json', '--plugin', plugin(source)], { env });
    const ids = JSON.parse(run.stdout).checks.map((check: { id: string }) => check.id);
    expect(ids).toHaveLength(builtinChecks.length + 1);
    expect(ids.at(-1)).toBe('site/no-rescue-on-19789');
  });

  it('refuses a file that is not a check, with exit 2 and no stack trace', async () => {
    const run = await runCli(['--home', home, 'doctor', '--plugin', plugin('export default { id: "bad" }')], { env });
    expect([run.exitCode, run.stdout]).toEqual([2, '']);
    expect(run.stderr).toMatch(/^clawdoc: .*my-checks\.mjs must export a check/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('refuses a plugin check whose id a built-in already has', async () => {
    const run = await runCli(['--home', home, 'doctor', '--plugin', plugin(source.replace('site/no-rescue-on-19789', 'ports/spacing'))], { env });
    expect([run.exitCode, run.stderr]).toEqual([2, 'clawdoc: two checks share the id ports/spacing\n']);
  });
});

describe('selection and exit codes', () => {
  it('--only a folder runs only its checks; --skip removes one', async () => {
    const run = await runCli(
      ['--home', fixtureHome('duplicate-port'), 'doctor', '--all-profiles', '--json', '--only', 'ports/', '--skip', 'ports/hash-default'],
      { env },
    );
    const report = JSON.parse(run.stdout);
    expect(report.checks).toEqual([
      'ports/duplicate-gateway',
      'ports/derived-collision',
      'ports/band-overlap',
      'ports/spacing',
      'ports/foreign-listener',
      'ports/webhook-collision',
    ]);
    expect(run.exitCode).toBe(1);
  });

  it('an unknown check id is a usage error', async () => {
    const run = await runCli(['--home', home, 'doctor', '--only', 'ports/nope'], { env });
    expect([run.exitCode, run.stderr]).toEqual([2, 'clawdoc: --only ports/nope: no such check; `clawdoc checks` lists them\n']);
  });

  it('a finding below --fail-on exits 0, at it exits 1', async () => {
    const args = ['--home', fixtureHome('env-only-profile'), 'doctor', '--all-profiles'];
    const envOnly = { ...env, OPENCLAW_PROFILE: 'rescue' };
    expect((await runCli(args, { env: envOnly })).exitCode).toBe(0);
    expect((await runCli([...args, '--fail-on', 'warning'], { env: envOnly })).exitCode).toBe(1);
  });
});

describe('colour', () => {
  const args = ['--home', fixtureHome('duplicate-port'), 'doctor', '--all-profiles'];
  const ansi = /\u001b\[/;

  it('colours a terminal, but not with NO_COLOR, --no-color, --json or a pipe', async () => {
    expect((await runCli(args, { env, isTTY: true })).stdout).toMatch(ansi);
    expect((await runCli(args, { env: { ...env, NO_COLOR: '1' }, isTTY: true })).stdout).not.toMatch(ansi);
    expect((await runCli([...args, '--no-color'], { env, isTTY: true })).stdout).not.toMatch(ansi);
    expect((await runCli([...args, '--json'], { env, isTTY: true })).stdout).not.toMatch(ansi);
    expect((await runCli(args, { env, isTTY: false })).stdout).not.toMatch(ansi);
  });
});

describe('one JSON envelope for every command', () => {
  const commands: Array<[string, string[]]> = [
    ['doctor', ['doctor', '--all-profiles']],
    ['status', ['status', '--all-profiles']],
    ['browser status', ['browser', 'status', '--all-profiles']],
    ['ports', ['ports', '--all-profiles']],
    ['profiles', ['profiles']],
    ['checks', ['checks']],
  ];

  it.each(commands)('%s --json: the common fields, then its own, valid against its schema', async (command, args) => {
    const run = await runCli(['--home', home, ...args, '--json'], { env });
    const document = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(Object.keys(document).slice(0, 6)).toEqual(['schemaVersion', 'tool', 'command', 'ok', 'host', 'generatedAt']);
    expect(document).toMatchObject({
      schemaVersion: 1,
      tool: { name: 'clawdoc' },
      command,
      ok: true,
      host: { hostname: 'testhost', platform: 'linux' },
      generatedAt: '2026-11-25T00:00:00.000Z',
    });
    expect(run.stderr).toBe('');
  });

  it('an error before any command is an envelope too, with command null, and nothing on stderr', async () => {
    const run = await runCli(['--json', '--timeout', 'soon'], { env });
    expect(JSON.parse(run.stdout)).toMatchObject({ command: null, ok: false, error: { code: 'usage' } });
    expect([run.stderr, run.exitCode]).toEqual(['', 2]);
  });

  it("a plugin finding's stray keys do not reach the report", async () => {
    const source = `export default { id: 'site/stray', title: 't', scope: 'host', looksAt: 'x',
      run: () => [{ severity: 'info', profile: null, message: 'm', fixHint: 'h', evidence: {}, token: 'sekret', extra: 1 }] };`;
    const run = await runCli(['--home', home, 'doctor', '--all-profiles', '--json', '--only', 'site/stray', '--plugin', plugin(source)], { env });
    const findings = (JSON.parse(run.stdout) as { findings: object[] }).findings;
    expect(findings).toEqual([{ checkId: 'site/stray', severity: 'info', profile: null, profiles: [], message: 'm', fixHint: 'h', evidence: {} }]);
  });
});

describe('--timeout', () => {
  it('rejects 0 as a usage error (exit 2) that says what it takes, in text and in JSON', async () => {
    const text = await runCli(['--home', home, '--timeout', '0', 'doctor', '--all-profiles'], { env });
    expect(text.exitCode).toBe(2);
    expect(text.stderr).toContain("option '--timeout <ms>' argument '0' is invalid. --timeout takes a whole number of milliseconds, e.g. --timeout 1500");
    expect(text.stdout).toBe('');
    const json = await runCli(['--home', home, '--json', '--timeout', '0', 'doctor', '--all-profiles'], { env });
    expect(JSON.parse(json.stdout)).toMatchObject({
      ok: false,
      error: { code: 'usage', message: expect.stringContaining('--timeout takes a whole number of milliseconds') },
    });
    expect([json.stderr, json.exitCode]).toEqual(['', 2]);
  });

  it('accepts 1, the smallest timeout there is', async () => {
    const run = await runCli(['--home', home, '--timeout', '1', 'doctor', '--all-profiles'], { env });
    expect([run.stderr, run.exitCode]).toEqual(['', 0]);
  });
});
