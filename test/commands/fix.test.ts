// `clawdoc fix` over sample homes: the exact plan, its JSON, and --apply / --undo with an injected runner and terminal.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fixtureHome, runCli, ROOT } from '../support/runtime.js';
import { main } from '../../src/cli.js';
import { buildLiveModel } from '../../src/attribute/attribute.js';
import type { ExecOptions, ExecResult, Runtime } from '../../src/runtime.js';
import type { HostModel } from '../../src/model.js';
import { jsonSchemaErrors } from '../support/schema.js';
import { healthyGatewayProbe } from '../support/model-builder.js';
import { probeKey } from '../../src/probe/targets.js';

interface StepJson {
  id: string;
  kind: string;
  profile: string | null;
  commands: Array<{ argv: string[]; text: string }>;
  files: string[];
}

async function planOf(name: string, options: string[] = []) {
  const home = fixtureHome(name);
  const run = await runCli(['--home', home, '--layout', '2026.9', ...options, 'fix', '--json'], { env: { PATH: '/usr/bin:/bin', HOME: home } });
  const report = JSON.parse(run.stdout) as {
    ok: boolean;
    proven: boolean;
    steps: StepJson[];
    manual: Array<{ checkId: string; profile: string; reason: string }>;
  };
  return { run, report, home, texts: report.steps.map((step) => [step.id, step.kind, step.profile, ...step.commands.map((command) => command.text)]) };
}

describe('clawdoc fix prints one plan for the host', () => {
  it('moves rescue out of main’s CDP band to the nearest base 120+ away, not to 18789', async () => {
    const { run, report, texts } = await planOf('rescue-in-cdp-band');
    expect(texts).toEqual([['s1', 'config', 'rescue', 'openclaw --profile rescue config set gateway.port 18909']]);
    expect(report.proven).toBe(true);
    expect(run.exitCode).toBe(1);
  });

  it('moves two of three close profiles to two different bases, each near where it was', async () => {
    const { texts } = await planOf('fix-three-close');
    expect(texts).toEqual([
      ['s1', 'config', 'ops', 'openclaw --profile ops config set gateway.port 18909'],
      ['s2', 'config', 'rescue', 'openclaw --profile rescue config set gateway.port 18669'],
    ]);
  });

  it('pins both hash ports: main where it is, rescue moved clear of main', async () => {
    const { texts } = await planOf('hash-main-rescue');
    expect(texts).toEqual([
      ['s1', 'config', 'main', 'openclaw --profile main config set gateway.port 23592'],
      ['s2', 'config', 'rescue', 'openclaw --profile rescue config set gateway.port 23472'],
    ]);
  });

  it('moves an explicit cdpPort with its base, at the same offset in the new band', async () => {
    const { texts } = await planOf('fix-explicit-cdp');
    expect(texts).toEqual([
      [
        's1',
        'config',
        'rescue',
        'openclaw --profile rescue config set gateway.port 18909',
        'openclaw --profile rescue config set browser.profiles.work.cdpPort 18925',
      ],
    ]);
  });

  it('with --profile, changes only that profile: the others are held where they are, and what they must do is left manual', async () => {
    const { texts, report } = await planOf('fix-three-close', ['--profile', 'rescue']);
    // The whole-host plan moves ops and rescue; with ops held at 18809, rescue goes above ops' band instead.
    expect(texts).toEqual([['s1', 'config', 'rescue', 'openclaw --profile rescue config set gateway.port 18929']]);
    expect(report.proven).toBe(true);
    expect(report.manual).toEqual([
      expect.objectContaining({
        checkId: 'ports/band-overlap',
        profile: 'ops',
        reason: expect.stringMatching(
          /^only rescue may change with --profile rescue, and this needs (default or ops|ops or default) to change: run clawdoc fix without --profile; /,
        ),
      }),
    ]);
    const held = await planOf('fix-three-close', ['--profile', 'default']);
    expect(held.texts).toEqual([['s1', 'config', 'default', 'openclaw config set gateway.port 18679']]);
  });

  it('separates webhook, workspace and log file in one step and leaves the shared bot token manual', async () => {
    const { texts, report, home } = await planOf('fix-shared-everything');
    expect(texts).toEqual([
      [
        's1',
        'config',
        'rescue',
        'openclaw --profile rescue config set channels.telegram.webhookPort 8797',
        `openclaw --profile rescue config set agents.defaults.workspace ${home}/.openclaw-rescue/workspace`,
        `openclaw --profile rescue config set logging.file ${home}/.openclaw-rescue/logs/gateway.log`,
      ],
    ]);
    expect(report.manual.map((item) => `${item.checkId}@${item.profile}`)).toEqual(['channels/shared-credential@rescue']);
  });

  it('disables the legacy unit that races the canonical one, and nothing else', async () => {
    const { texts, report } = await planOf('duplicate-supervisor');
    expect(texts).toEqual([['s1', 'supervisor', 'default', 'systemctl --user disable --now clawdbot-gateway.service']]);
    expect(report.proven).toBe(true);
  });

  it('says so when there is nothing to fix', async () => {
    const home = fixtureHome('healthy-main-rescue');
    const run = await runCli(['--home', home, 'fix'], { env: { PATH: '/usr/bin:/bin', HOME: home } });
    expect(run.stdout).toContain('nothing to fix');
    expect(run.exitCode).toBe(0);
  });

  it('names the plan steps in doctor --json findings', async () => {
    const home = fixtureHome('rescue-in-cdp-band');
    const run = await runCli(['--home', home, '--layout', '2026.9', 'doctor', '--all-profiles', '--json'], { env: { PATH: '/usr/bin:/bin', HOME: home } });
    const findings = (JSON.parse(run.stdout) as { findings: Array<{ checkId: string; planSteps?: string[] }> }).findings;
    expect(findings.map((finding) => [finding.checkId, finding.planSteps ?? null])).toEqual([
      ['ports/band-overlap', ['s1']],
      ['gateway/not-running', null],
      ['gateway/not-running', null],
    ]);
  });
});

// --- apply and undo, on a copy of a sample home -----------------------------------------------------

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function copyHome(name: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clawdoc-fix-'));
  dirs.push(dir);
  fs.cpSync(fixtureHome(name), dir, { recursive: true });
  return dir;
}

interface Call {
  file: string;
  args: readonly string[];
  env: ExecOptions['env'];
}

/** A fake `openclaw config set` that writes the key into the JSON5 config as plain JSON. */
function fakeOpenclaw(home: string, calls: Call[], failOn?: string) {
  return (file: string, args: readonly string[], options: ExecOptions): Promise<ExecResult> => {
    calls.push({ file, args, env: options.env });
    if (failOn && args.includes(failOn)) return Promise.resolve({ code: 1, stdout: '', stderr: 'Config validation failed' });
    const profile = args[0] === '--profile' ? args[1]! : null;
    const rest = profile ? args.slice(2) : args;
    if (rest[0] === 'config' && rest[1] === 'set') {
      const configPath = path.join(home, profile ? `.openclaw-${profile}` : '.openclaw', 'openclaw.json');
      fs.writeFileSync(configPath, JSON.stringify({ gateway: { port: Number(rest[3]) } }));
    }
    return Promise.resolve({ code: 0, stdout: '', stderr: '' });
  };
}

async function runWith(args: string[], home: string, extra: Partial<Runtime>): Promise<{ stdout: string; stderr: string; exitCode: number }> {
  let stdout = '';
  let stderr = '';
  const runtime: Runtime = {
    out: (text) => void (stdout += `${text}\n`),
    err: (text) => void (stderr += `${text}\n`),
    env: { PATH: '/usr/bin:/bin', HOME: home, OPENCLAW_STATE_DIR: path.join(home, '.openclaw') },
    stdoutIsTTY: false,
    uid: 1000,
    tmpDir: path.join(ROOT, 'fixtures', 'no-such-tmp'),
    platform: 'linux',
    homedir: '/nonexistent-home',
    cwd: ROOT,
    hostname: 'testhost',
    now: () => new Date('2026-11-25T00:00:00.000Z'),
    observe: (model: HostModel) =>
      Promise.resolve(
        buildLiveModel(
          model,
          { method: 'test', ok: true, error: null, takenAt: '', listeners: [], processes: {}, alivePids: {}, root: false },
          { gateways: {}, cdp: {}, control: {}, deadlineHit: false },
        ),
      ),
    ...extra,
  };
  const exitCode = await main(args, runtime);
  if (args.includes('--json')) expect(jsonSchemaErrors(JSON.parse(stdout))).toEqual([]);
  return { stdout, stderr, exitCode };
}

function fakeBinary(home: string): string {
  const file = path.join(home, 'openclaw');
  fs.writeFileSync(file, '#!/bin/sh\nexit 0\n', { mode: 0o755 });
  return file;
}

describe('clawdoc fix --apply', () => {
  it('refuses without a terminal and without --yes, and changes nothing', async () => {
    const home = copyHome('rescue-in-cdp-band');
    const calls: Call[] = [];
    const run = await runWith(['--home', home, 'fix', '--apply', '--openclaw', fakeBinary(home)], home, { exec: fakeOpenclaw(home, calls), stdinIsTTY: false });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain('--yes');
    expect(calls).toEqual([]);
  });

  it('refuses without an openclaw CLI, with the plan still printed', async () => {
    const home = copyHome('rescue-in-cdp-band');
    const run = await runWith(['--home', home, 'fix', '--apply', '--yes'], home, { exec: fakeOpenclaw(home, []) });
    expect(run.exitCode).toBe(2);
    expect(run.stdout).toContain('openclaw --profile rescue config set gateway.port 18909');
    expect(run.stderr).toContain('needs the openclaw CLI');
  });

  it('asks, runs with execFile argv and a clean env, backs up, journals, observes again and undoes', async () => {
    const home = copyHome('rescue-in-cdp-band');
    const calls: Call[] = [];
    const config = path.join(home, '.openclaw-rescue', 'openclaw.json');
    const before = fs.readFileSync(config, 'utf8');
    const openclaw = fakeBinary(home);
    const questions: string[] = [];
    const run = await runWith(['--home', home, 'fix', '--apply', '--openclaw', openclaw], home, {
      exec: fakeOpenclaw(home, calls),
      stdinIsTTY: true,
      confirm: (question) => {
        questions.push(question);
        return Promise.resolve(true);
      },
    });
    expect(questions).toEqual(['Apply these 2 steps?']);
    expect(calls.map((call) => [call.file, ...call.args])).toEqual([[openclaw, '--profile', 'rescue', 'config', 'set', 'gateway.port', '18909']]);
    // Inherited selectors beat --profile (OPENCLAW.md section 10): none reaches the commands; HOME is the inspected home.
    expect(calls[0]!.env.OPENCLAW_STATE_DIR).toBeUndefined();
    expect(calls[0]!.env.HOME).toBe(home);
    const backup = `${config}.clawdoc-2026-11-25T00-00-00-000Z.bak`;
    expect(fs.readFileSync(backup, 'utf8')).toBe(before);
    expect(run.stdout.replace(/\s+/g, ' ')).toContain(`backup of ${config}: ${backup}`);
    const journal = path.join(home, '.cache', 'clawdoc', 'journal-2026-11-25T00-00-00-000Z.json');
    expect(fs.existsSync(journal)).toBe(true);
    // s1 unsets the shell's selector: the operator's own shell has to do that, so something remains (exit 1).
    expect(run.stdout).toMatch(/s1 skipped: run it in your own shell\n.*s2 done/);
    expect(run.exitCode).toBe(1);

    const undo = await runWith(['--home', home, 'fix', '--undo', '--json'], home, {});
    expect(undo.exitCode).toBe(0);
    expect(fs.readFileSync(config, 'utf8')).toBe(before);
    expect(fs.readdirSync(path.dirname(config)).filter((name) => name.includes('clawdoc-undo'))).toHaveLength(1);
    const second = await runWith(['--home', home, 'fix', '--undo'], home, {});
    expect(second.exitCode).toBe(2);
  });

  it('stops at a failing step and restores that step’s files', async () => {
    const home = copyHome('fix-three-close');
    const calls: Call[] = [];
    const ops = path.join(home, '.openclaw-ops', 'openclaw.json');
    const before = fs.readFileSync(ops, 'utf8');
    const run = await runWith(['--home', home, 'fix', '--apply', '--yes', '--json', '--openclaw', fakeBinary(home)], home, {
      exec: fakeOpenclaw(home, calls, 'gateway.port'),
      env: { PATH: '/usr/bin:/bin', HOME: home },
    });
    expect(run.exitCode).toBe(2);
    const report = JSON.parse(run.stdout) as { applied: Array<{ id: string; status: string }> };
    expect(report.applied.map((step) => `${step.id} ${step.status}`)).toEqual(['s1 failed', 's2 skipped']);
    expect(calls).toHaveLength(1);
    expect(fs.readFileSync(ops, 'utf8')).toBe(before);
  });
});

// --- undo restarts what the apply restarted ----------------------------------------------------------

/** rescue-in-cdp-band with both gateways running (locks, listeners, healthy probes), each supervised by its own systemd unit. */
function supervisedHome(): { home: string; unit: string; observe: Runtime['observe'] } {
  const home = copyHome('rescue-in-cdp-band');
  const gateways = [
    { profile: null, dir: '.openclaw', unit: 'openclaw-gateway.service', port: 18789, pid: 4141 },
    { profile: 'rescue', dir: '.openclaw-rescue', unit: 'openclaw-gateway-rescue.service', port: 18809, pid: 4242 },
  ];
  for (const gateway of gateways) {
    const stateDir = path.join(home, gateway.dir);
    const unit = path.join(home, '.config', 'systemd', 'user', gateway.unit);
    fs.mkdirSync(path.dirname(unit), { recursive: true });
    const identity = gateway.profile ? `"OPENCLAW_PROFILE=${gateway.profile}" ` : '';
    fs.writeFileSync(
      unit,
      [
        '[Service]',
        `ExecStart=/usr/bin/node /usr/lib/node_modules/openclaw/dist/index.js gateway --port ${gateway.port}`,
        `Environment=${identity}"OPENCLAW_STATE_DIR=${stateDir}" OPENCLAW_SERVICE_MARKER=openclaw OPENCLAW_SERVICE_KIND=gateway`,
        '',
      ].join('\n'),
    );
    const lockDir = path.join(stateDir, 'tmp', 'openclaw-1000');
    fs.mkdirSync(lockDir, { recursive: true });
    const lock = { pid: gateway.pid, port: gateway.port, stateDir, configPath: path.join(stateDir, 'openclaw.json'), createdAt: '2026-11-25T00:00:00.000Z' };
    fs.writeFileSync(path.join(lockDir, 'gateway.state.lock'), JSON.stringify(lock));
  }
  const observe = (model: HostModel) =>
    Promise.resolve(
      buildLiveModel(
        model,
        {
          method: 'test',
          ok: true,
          error: null,
          takenAt: '',
          listeners: gateways.map((gateway) => ({ address: '127.0.0.1', family: 'ipv4' as const, port: gateway.port, pid: gateway.pid })),
          processes: Object.fromEntries(
            gateways.map((gateway) => [
              gateway.pid,
              { pid: gateway.pid, ppid: 1, user: 'op', name: 'openclaw-gateway', command: 'openclaw-gateway', argv: ['openclaw-gateway'] },
            ]),
          ),
          alivePids: Object.fromEntries(gateways.map((gateway) => [gateway.pid, true])),
          root: false,
        },
        {
          gateways: Object.fromEntries(gateways.map((gateway) => [probeKey('127.0.0.1', gateway.port), healthyGatewayProbe(gateway.port)])),
          cdp: {},
          control: {},
          deadlineHit: false,
        },
      ),
    );
  return { home, unit: path.join(home, '.config', 'systemd', 'user', 'openclaw-gateway-rescue.service'), observe };
}

describe('clawdoc fix --undo', () => {
  it('restores the config and the unit, reloads systemd and restarts the service the apply restarted', async () => {
    const { home, unit, observe } = supervisedHome();
    const unitBefore = fs.readFileSync(unit, 'utf8');
    const calls: Call[] = [];
    const openclaw = fakeBinary(home);
    const env = { PATH: '/usr/bin:/bin', HOME: home };
    const run = await runWith(['--home', home, 'fix', '--apply', '--yes', '--json', '--openclaw', openclaw], home, {
      exec: fakeOpenclaw(home, calls),
      observe,
      env,
    });
    const report = JSON.parse(run.stdout) as { steps: StepJson[]; applied: Array<{ id: string; status: string }> };
    expect(report.steps.map((step) => [step.kind, ...step.commands.map((c) => c.text)])).toEqual([
      ['config', 'openclaw --profile rescue config set gateway.port 18909'],
      ['service', 'openclaw --profile rescue gateway install --force --port 18909'],
      ['restart', 'systemctl --user restart openclaw-gateway-rescue.service'],
    ]);
    expect(report.applied.map((step) => step.status)).toEqual(['done', 'done', 'done']);
    // What `gateway install --force` would have written: the unit for the new port.
    fs.writeFileSync(unit, unitBefore.replace('--port 18809', '--port 18909'));
    calls.length = 0;

    const undo = await runWith(['--home', home, 'fix', '--undo', '--json'], home, { exec: fakeOpenclaw(home, calls), observe, env });
    expect(fs.readFileSync(unit, 'utf8')).toBe(unitBefore);
    expect(calls.map((call) => [call.file, ...call.args])).toEqual([
      ['systemctl', '--user', 'daemon-reload'],
      ['systemctl', '--user', 'restart', 'openclaw-gateway-rescue.service'],
    ]);
    const undone = (JSON.parse(undo.stdout) as { undone: { restarts: Array<{ step: string; status: string }> } }).undone;
    expect(undone.restarts.map((item) => `${item.step} ${item.status}`)).toEqual(['s3 done']);
    expect(undo.exitCode).toBe(0);
  });

  it('skips a manual edit and the restart of that profile that waits for it', async () => {
    const { home, unit, observe } = supervisedHome();
    // A hand-made unit name: `gateway install --force` would write openclaw-gateway-rescue.service next to it.
    fs.renameSync(unit, path.join(path.dirname(unit), 'openclaw-rescue.service'));
    const calls: Call[] = [];
    const run = await runWith(['--home', home, 'fix', '--apply', '--yes', '--json', '--openclaw', fakeBinary(home)], home, {
      exec: fakeOpenclaw(home, calls),
      observe,
      env: { PATH: '/usr/bin:/bin', HOME: home },
    });
    const report = JSON.parse(run.stdout) as { steps: StepJson[]; applied: Array<{ id: string; status: string; reason?: string }> };
    expect(report.steps.map((step) => [step.id, step.kind, ...step.commands.map((c) => c.text)])).toEqual([
      ['s1', 'config', 'openclaw --profile rescue config set gateway.port 18909'],
      ['s2', 'manual'],
      ['s3', 'restart', 'systemctl --user restart openclaw-rescue.service'],
    ]);
    expect(report.applied.map((step) => `${step.id} ${step.status}${step.reason ? `: ${step.reason}` : ''}`)).toEqual([
      's1 done',
      's2 skipped: an edit by hand',
      's3 skipped: it waits for the manual step s2',
    ]);
    expect(calls.map((call) => call.args.join(' '))).toEqual(['--profile rescue config set gateway.port 18909']);
    expect(run.exitCode).toBe(1);
  });

  it('leaves a hand-started gateway to the operator without --restart-unmanaged, with the commands, and exits 1', async () => {
    const { home, observe } = supervisedHome();
    fs.rmSync(path.join(home, '.config'), { recursive: true });
    const journalDir = path.join(home, '.cache', 'clawdoc');
    fs.mkdirSync(journalDir, { recursive: true });
    const journal = {
      createdAt: '2026-11-24T00:00:00.000Z',
      home,
      openclaw: fakeBinary(home),
      steps: [
        { id: 's1', kind: 'supervisor', status: 'done', backups: [], commands: [['systemctl', '--user', 'disable', '--now', 'openclaw-rescue.service']] },
        {
          id: 's2',
          kind: 'restart-unmanaged',
          status: 'done',
          backups: [],
          commands: [
            ['kill', '4100'],
            ['openclaw', '--profile', 'rescue', 'gateway'],
          ],
        },
      ],
      restarts: [{ step: 's2', profile: 'rescue', start: { argv: ['openclaw', '--profile', 'rescue', 'gateway', '--bind', 'loopback'] } }],
    };
    fs.writeFileSync(path.join(journalDir, 'journal-2026-11-24T00-00-00-000Z.json'), JSON.stringify(journal));
    const calls: Call[] = [];
    const undo = await runWith(['--home', home, 'fix', '--undo'], home, {
      exec: fakeOpenclaw(home, calls),
      observe,
      env: { PATH: '/usr/bin:/bin', HOME: home },
    });
    expect(undo.stdout).toContain(
      'Restart by hand: rescue (s2): a hand-started gateway: rerun with --restart-unmanaged, or do it yourself\n  $ kill 4242\n  $ openclaw --profile rescue gateway --bind loopback',
    );
    expect(undo.stdout).toContain('Left as applied: s1 (extra supervisors stay disabled');
    expect(calls).toEqual([]);
    expect(undo.exitCode).toBe(1);
  });
});
