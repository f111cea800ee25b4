// CLI edges: home and profile typos, timer limits, --version/--help as JSON, no command, singular summary, 80-column check list, spacing with overlap checks skipped.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fixtureHome, runCli } from '../support/runtime.js';
import { closestNames } from '../../src/commands/context.js';
import { main } from '../../src/cli.js';
import type { HostModel } from '../../src/model.js';
import { buildLiveModel } from '../../src/attribute/attribute.js';

function quietLive(model: HostModel) {
  const snapshot = { method: 'test', ok: true, error: null, takenAt: '2026-11-25T00:00:00.000Z', listeners: [], processes: {}, alivePids: {}, root: false };
  return buildLiveModel(model, snapshot, { gateways: {}, cdp: {}, control: {}, deadlineHit: false });
}

const home = fixtureHome('healthy-main-rescue');
const env = { PATH: '/usr/bin:/bin', HOME: home };
const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('--home and HOME', () => {
  const file = path.join(home, '.openclaw-main', 'openclaw.json');
  it.each([
    ['/nonexistent/clawdoc-home', '--home /nonexistent/clawdoc-home: no such directory'],
    ['', '--home is empty'],
    [file, `--home ${file}: not a directory`],
  ])('--home %j is a usage error in text and JSON alike', async (value, message) => {
    const text = await runCli(['--home', value, 'doctor', '--all-profiles'], { env });
    expect([text.exitCode, text.stdout, oneLine(text.stderr)]).toEqual([2, '', expect.stringContaining(`clawdoc: ${message}`)]);
    const json = await runCli(['--home', value, '--json', 'doctor', '--all-profiles'], { env });
    expect(JSON.parse(json.stdout)).toMatchObject({ command: 'doctor', ok: false, error: { code: 'usage', message: expect.stringContaining(message) } });
    expect([json.stderr, json.exitCode]).toEqual(['', 2]);
  });

  it('a HOME that does not exist is a usage error when no --home is given', async () => {
    const run = await runCli(['profiles'], { env: { PATH: '/usr/bin:/bin', HOME: '/nonexistent/home' } });
    expect([run.exitCode, oneLine(run.stderr)]).toEqual([2, 'clawdoc: $HOME /nonexistent/home: no such directory']);
  });

  it.skipIf(process.getuid?.() === 0)('an unreadable home is a usage error', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clawdoc-home-'));
    dirs.push(dir);
    fs.chmodSync(dir, 0o000);
    const run = await runCli(['--home', dir, 'profiles'], { env });
    fs.chmodSync(dir, 0o700);
    expect([run.exitCode, oneLine(run.stderr)]).toEqual([2, `clawdoc: --home ${dir}: cannot read it (permission denied)`]);
  });

  it('an empty home is still a home: no profile found, exit 0', async () => {
    const run = await runCli(['--home', fixtureHome('empty-home'), 'doctor', '--all-profiles'], { env });
    expect(run.exitCode).toBe(0);
  });
});

describe('--profile typos', () => {
  it('lists the known profiles, closest first', async () => {
    const run = await runCli(['--home', home, '--profile', 'rescu', 'status'], { env });
    expect([run.exitCode, oneLine(run.stderr)]).toEqual([
      2,
      'clawdoc: --profile rescu: no such profile on this host (known profiles: rescue, main); `clawdoc profiles` lists them',
    ]);
  });

  it('orders by edit distance, then by name', () => {
    expect(closestNames('mian', ['rescue', 'work', 'main', 'dev'])).toEqual(['main', 'dev', 'work', 'rescue']);
  });

  it('a known profile still works', async () => {
    expect((await runCli(['--home', home, '--profile', 'rescue', 'status'], { env })).exitCode).toBe(0);
  });
});

describe("timers above Node's limit", () => {
  it.each(['--timeout', '--deadline'])('%s 2147483648 is a usage error', async (flag) => {
    const run = await runCli(['--home', home, flag, '2147483648', 'doctor'], { env });
    expect([run.exitCode, oneLine(run.stderr)]).toEqual([2, expect.stringContaining(`${flag} can be at most 2147483647 ms`)]);
    expect((await runCli(['--home', home, flag, '2147483647', '--json', 'doctor'], { env })).exitCode).toBe(0);
  });
});

describe('--version and --help as JSON', () => {
  it('--version --json is an envelope with the version', async () => {
    const run = await runCli(['--version', '--json'], { env });
    expect(JSON.parse(run.stdout)).toMatchObject({ command: 'version', ok: true, version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
  });

  it('--help --json is an envelope with the help text and every command', async () => {
    const run = await runCli(['--help', '--json'], { env });
    const document = JSON.parse(run.stdout);
    expect(document).toMatchObject({ command: 'help', ok: true, help: expect.stringContaining('Usage: clawdoc') });
    expect(document.commands.map((command: { name: string }) => command.name)).toEqual([
      'profiles',
      'ports',
      'status',
      'browser',
      'browser status',
      'doctor',
      'baseline',
      'watch',
      'checks',
      'fix',
    ]);
  });

  it("doctor --help --json carries the doctor's help", async () => {
    const document = JSON.parse((await runCli(['doctor', '--help', '--json'], { env })).stdout);
    expect(document.help).toContain('Usage: clawdoc doctor');
    expect(document.help).toContain('--format <format>');
  });

  it('--version stays plain text without --json', async () => {
    const run = await runCli(['--version'], { env });
    expect(run.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });
});

describe('no command', () => {
  it('--json alone is a usage error envelope', async () => {
    const run = await runCli(['--json'], { env });
    expect(JSON.parse(run.stdout)).toMatchObject({ command: null, ok: false, error: { code: 'usage', message: expect.stringContaining('no command given') } });
    expect([run.stderr, run.exitCode]).toEqual(['', 2]);
  });

  it('in text, the help then the error, on stderr, exit 2', async () => {
    const run = await runCli([], { env });
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('Usage: clawdoc');
    expect(run.stderr.trimEnd().split('\n').at(-1)).toBe('clawdoc: no command given; `clawdoc --help` lists the commands');
    expect(run.exitCode).toBe(2);
  });

  it('commander errors take the same style as every other error', async () => {
    const run = await runCli(['--home', home, 'doctor', '--bogus'], { env });
    expect([run.exitCode, run.stderr]).toEqual([2, "clawdoc: unknown option '--bogus'\n(run clawdoc --help for usage)\n"]);
  });
});

describe('doctor summary', () => {
  it('says "1 check run" for one', async () => {
    const run = await runCli(['--home', home, 'doctor', '--all-profiles', '--no-color', '--only', 'ports/spacing'], { env });
    expect(run.stdout).toContain('· 1 check run');
  });
});

describe('clawdoc checks', () => {
  it('fits 80 columns', async () => {
    const run = await runCli(['checks', '--no-color'], { env });
    expect(run.stdout.split('\n').filter((line) => line.length > 80)).toEqual([]);
    expect(run.stdout).toContain('ports/spacing');
  });
});

describe('ports/spacing with the overlap checks skipped', () => {
  const cdpHome = fixtureHome('rescue-in-cdp-band');
  const ids = async (...args: string[]) => {
    const run = await runCli(['--home', cdpHome, '--layout', '2026.9', 'doctor', '--all-profiles', '--json', ...args], {
      env: { PATH: '/usr/bin:/bin', HOME: cdpHome },
    });
    return (JSON.parse(run.stdout).findings as Array<{ checkId: string }>).map((finding) => finding.checkId).filter((id) => id.startsWith('ports/'));
  };

  it('defers to band-overlap while it runs', async () => {
    expect(await ids()).not.toContain('ports/spacing');
  });

  it('speaks when band-overlap and derived-collision are skipped', async () => {
    expect(await ids('--skip', 'ports/band-overlap', '--skip', 'ports/derived-collision')).toContain('ports/spacing');
  });
});

describe('progress of a slow live stage', () => {
  /** A doctor run whose observe stage takes 1.5 s of fake time, on a runtime whose stderr is (or is not) a terminal. */
  async function slowRun(stderrIsTTY: boolean | undefined): Promise<{ stdout: string; stderr: string }> {
    vi.useFakeTimers();
    try {
      let stdout = '';
      let stderr = '';
      const runtime = {
        out: (text: string) => void (stdout += `${text}\n`),
        err: (text: string) => void (stderr += `${text}\n`),
        env,
        stdoutIsTTY: false,
        ...(stderrIsTTY === undefined ? {} : { stderrIsTTY }),
        uid: 1000,
        tmpDir: path.join(home, 'no-tmp'),
        platform: 'linux' as const,
        homedir: home,
        cwd: home,
        hostname: 'testhost',
        now: () => new Date('2026-11-25T00:00:00.000Z'),
        observe: async (model: HostModel) => {
          await new Promise((resolve) => setTimeout(resolve, 1500));
          return quietLive(model);
        },
      };
      const done = main(['--home', home, 'doctor', '--all-profiles', '--json'], runtime);
      await vi.advanceTimersByTimeAsync(1500);
      await done;
      return { stdout, stderr };
    } finally {
      vi.useRealTimers();
    }
  }

  it('says what it waits for on stderr when stderr is a terminal, and keeps stdout one JSON document', async () => {
    const run = await slowRun(true);
    expect(run.stderr).toBe('clawdoc: probing 2 profiles… (gives up after 6.0 s)\n');
    expect(JSON.parse(run.stdout)).toMatchObject({ command: 'doctor', ok: true });
  });

  it('prints nothing when stderr is not a terminal, or the runtime cannot tell', async () => {
    expect((await slowRun(false)).stderr).toBe('');
    expect((await slowRun(undefined)).stderr).toBe('');
  });
});

describe('--dev without a dev profile', () => {
  it('is a usage error too', async () => {
    const run = await runCli(['--home', home, '--dev', 'status'], { env });
    expect([run.exitCode, oneLine(run.stderr)]).toEqual([
      2,
      'clawdoc: --dev: no such profile on this host (known profiles: main, rescue); `clawdoc profiles` lists them',
    ]);
  });
});
