// Golden CLI output per sample home and flag set, each ending in its exit code, the home shown as ~.
// A missing golden fails; regenerate with UPDATE_GOLDEN=1 and review the diff.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fixtureEnv, fixtureHome, fixtureSystemRoot, ROOT, runCli } from './support/runtime.js';

const CASES: Array<[string, string, string[]]> = [
  ['doctor-rescue-in-cdp-band', 'rescue-in-cdp-band', ['doctor', '--all-profiles', '--no-color']],
  ['doctor-duplicate-port-verbose', 'duplicate-port', ['doctor', '--all-profiles', '--no-color', '--verbose']],
  ['doctor-broken-json5-json', 'broken-json5', ['doctor', '--all-profiles', '--json']],
  ['doctor-pinned-cdp-url-fail-on-warning', 'pinned-cdp-url', ['doctor', '--all-profiles', '--no-color', '--fail-on', 'warning']],
  ['doctor-rescue-only', 'shared-workspace', ['--profile', 'rescue', 'doctor', '--no-color']],
  ['ports-hash-main-rescue', 'hash-main-rescue', ['ports', '--all-profiles', '--no-color']],
  ['profiles-systemd-port', 'systemd-port', ['profiles', '--no-color']],
  ['status-healthy', 'healthy-main-rescue', ['status', '--all-profiles', '--no-color']],
  ['empty-home', 'empty-home', ['doctor', '--all-profiles', '--no-color']],
  ['usage-error-json', 'healthy-main-rescue', ['doctor', '--fail-on', 'fatal', '--json']],
  ['unknown-profile', 'healthy-main-rescue', ['--profile', 'nope', 'status']],
  ['invalid-profile-name', 'healthy-main-rescue', ['--profile', 'bad name', 'status']],
  ['doctor-duplicate-port-json', 'duplicate-port', ['doctor', '--all-profiles', '--format', 'json']],
  ['unknown-profile-typo-json', 'healthy-main-rescue', ['--profile', 'rescu', '--json', 'status']],
  ['version-json', 'healthy-main-rescue', ['--version', '--json']],
  ['profiles-windows-task', 'windows-task', ['profiles', '--no-color']],
  // JSON: the Startup folder's path is longer than a line, and a command is never wrapped inside a word.
  ['doctor-windows-task-startup-duplicate-json', 'windows-task-startup-duplicate', ['doctor', '--all-profiles', '--json']],
  ['no-command-json', 'healthy-main-rescue', ['--json']],
  // Every CI format, on every sample home.
  ...fs
    .readdirSync(path.join(ROOT, 'fixtures', 'homes'))
    .sort()
    .flatMap((home) =>
      (['sarif', 'junit', 'github', 'prometheus'] as const).map((format): [string, string, string[]] => [
        `formats/${home}-${format}`,
        home,
        ['doctor', '--all-profiles', '--format', format],
      ]),
    ),
];

// The home is copied to a path of the same length on every machine and run (mkdtemp adds six characters):
// commands wrap at 80 columns by their real length. Its own dir per run, so parallel runs do not meet.
const GOLDEN_HOMES = fs.mkdtempSync('/tmp/clawdoc-golden-');

function goldenHome(name: string): string {
  const dir = path.join(GOLDEN_HOMES, name);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.cpSync(fixtureHome(name), dir, { recursive: true, verbatimSymlinks: true });
  return dir;
}

afterAll(() => fs.rmSync(GOLDEN_HOMES, { recursive: true, force: true }));

describe('golden CLI output', () => {
  it.each(CASES)('%s', async (name, home, args) => {
    const dir = goldenHome(home);
    const run = await runCli(['--home', dir, '--layout', '2026.9', ...args], { env: fixtureEnv(dir), ...fixtureSystemRoot(dir) });
    const text = `$ clawdoc ${args.join(' ')}\n${run.stdout}${run.stderr ? `--- stderr\n${run.stderr}` : ''}Exit code: ${run.exitCode}\n`
      .split(dir)
      .join('~')
      .split(ROOT)
      .join('<root>')
      // A fingerprint hashes the finding's real paths, which include this run's temp home (its stability is unit-tested).
      .replace(/("(?:fingerprint|clawdocFingerprint\/v1)": ")[0-9a-f]{32}"/g, '$1<fingerprint>"');
    const file = path.join(ROOT, 'test', 'golden', `${name}.txt`);
    if (process.env.UPDATE_GOLDEN === '1') {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, text);
    }
    expect(fs.existsSync(file), `${file} is missing: run with UPDATE_GOLDEN=1 and review it`).toBe(true);
    expect(text).toBe(fs.readFileSync(file, 'utf8'));
  });

  it('fits 80 columns in text mode, every line', () => {
    for (const [name, , args] of CASES) {
      if (args.includes('--json') || args.includes('--format')) continue;
      const lines = fs.readFileSync(path.join(ROOT, 'test', 'golden', `${name}.txt`), 'utf8').split('\n');
      const long = lines.filter((line) => line.length > 80);
      expect(long, name).toEqual([]);
    }
  });
});
