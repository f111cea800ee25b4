// Real gateways, who runs what (issue 10): a unit named for rescue that carries main's identity (item 4), a state dir
// that is a symlink to another profile's (item 8), and the fixes of the checks issue 10 added, applied and re-checked.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  applyOpenClawFix,
  assertInstalled,
  clawdoc,
  isolatedEnv,
  makeHome,
  NODE26,
  OPENCLAW_ENTRY,
  openclaw,
  removeHomes,
  startGateway,
  stopAllGateways,
  type Gateway,
} from './openclaw.js';
import { doctorSchemaErrors, jsonSchemaErrors } from '../support/schema.js';

// This file's range is 35000-36999; bases 300 apart so no two plans overlap.
const BASE = 35000 + Math.floor(Math.random() * 40) * 10;
const MAIN_PORT = BASE;
const RESCUE_PORT = BASE + 300;
const LINKED_MAIN_PORT = BASE + 600;
const AUDIT_PORT = BASE + 900;
// Probes get more time than the default 1.5 s: other helpers load this machine.
const TIMEOUT = ['--timeout', '5000'];

interface Finding {
  checkId: string;
  severity: string;
  profile: string | null;
  message: string;
  fixHint: string;
  fix?: { commands: string[] };
  evidence: Record<string, any>;
}

interface PlanStep {
  kind: string;
  profile: string | null;
  touchesRunningGateway: boolean;
  commands: Array<{ argv: string[]; text: string }>;
}

function configSet(home: string, profile: string, key: string, value: string): void {
  const result = openclaw(home, ['--profile', profile, 'config', 'set', key, value]);
  if (result.code !== 0) throw new Error(`config set ${key} failed: ${result.stderr}`);
}

function doctor(home: string): { code: number | null; findings: Finding[] } {
  const run = clawdoc(home, [...TIMEOUT, 'doctor', '--all-profiles', '--json']);
  expect(doctorSchemaErrors(run.json)).toEqual([]);
  return { code: run.code, findings: run.json.findings as Finding[] };
}

function fixPlan(home: string): { steps: PlanStep[]; manual: Array<{ checkId: string; profile: string | null }>; proven: boolean } {
  const run = clawdoc(home, [...TIMEOUT, 'fix', '--json']);
  expect(jsonSchemaErrors(run.json)).toEqual([]);
  return run.json;
}

function statusOf(home: string, name: string): { gateway: { state: string; pid: number | null; port: number; portSource: string }; lock: { file?: string } } {
  const status = clawdoc(home, [...TIMEOUT, 'status', '--all-profiles', '--json']).json;
  return status.profiles.find((profile: { name: string }) => profile.name === name);
}

const ids = (findings: readonly Finding[]) => findings.map((finding) => `${finding.checkId}@${finding.profile ?? 'host'}`).sort();
const serious = (findings: readonly Finding[]) => findings.filter((finding) => finding.severity !== 'info');

/** Splits a printed POSIX command into words (single quotes only, as clawdoc quotes). */
function wordsOf(command: string): string[] {
  return command.match(/'[^']*'|\S+/g)!.map((word) => word.replace(/^'|'$/g, ''));
}

/** A unit as OpenClaw 2026.9.6 writes one (dist/systemd-unit-*.mjs: fixed policy lines, then WorkingDirectory-less env lines). */
function gatewayUnit(options: { description: string; port: number; env: Record<string, string> }): string {
  return [
    '[Unit]',
    `Description=${options.description}`,
    'After=network-online.target',
    'Wants=network-online.target',
    'StartLimitBurst=10',
    'StartLimitIntervalSec=300',
    '',
    '[Service]',
    `ExecStart=${NODE26} ${path.join(path.dirname(OPENCLAW_ENTRY), 'dist', 'index.js')} gateway --port ${options.port}`,
    'Restart=always',
    'RestartSec=5',
    'RestartPreventExitStatus=78',
    'TimeoutStopSec=330',
    'TimeoutStartSec=30',
    'SuccessExitStatus=0 143',
    'OOMPolicy=continue',
    'KillMode=mixed',
    ...Object.entries(options.env).map(([key, value]) => `Environment=${key}=${value}`),
    '',
    '[Install]',
    'WantedBy=default.target',
    '',
  ].join('\n');
}

/** The environment 2026.9.6 gives a profile's service (OPENCLAW.md section 5). */
function serviceEnv(home: string, profile: string, port: number, unit: string): Record<string, string> {
  const stateDir = path.join(home, `.openclaw-${profile}`);
  return {
    HOME: home,
    TMPDIR: '/tmp',
    OPENCLAW_PROFILE: profile,
    OPENCLAW_STATE_DIR: stateDir,
    OPENCLAW_CONFIG_PATH: path.join(stateDir, 'openclaw.json'),
    OPENCLAW_GATEWAY_PORT: String(port),
    OPENCLAW_SYSTEMD_UNIT: unit,
    OPENCLAW_SERVICE_MARKER: 'openclaw',
    OPENCLAW_SERVICE_KIND: 'gateway',
  };
}

beforeAll(() => assertInstalled());

afterAll(async () => {
  await stopAllGateways();
  removeHomes();
});

describe("a unit named for rescue that carries main's identity (item 4)", () => {
  let home: string;
  let main: Gateway;
  let rescue: Gateway;
  let unitDir: string;
  const misnamed = 'openclaw-gateway-rescue.service';
  // Inside rescue's CDP band: taken as main's port, it would make a false overlap that tells healthy rescue to move.
  const unitPort = RESCUE_PORT + 20;

  beforeAll(async () => {
    home = makeHome();
    for (const [profile, port] of [
      ['main', MAIN_PORT],
      ['rescue', RESCUE_PORT],
    ] as const) {
      configSet(home, profile, 'gateway.port', String(port));
      configSet(home, profile, 'gateway.mode', 'local');
    }
    // One after the other: two cold starts at once take minutes on a loaded machine. The misnamed unit carries main's
    // identity, so it is what runs main: main starts with the markers systemd and the unit give it (rescue by hand).
    const startedByUnit = {
      OPENCLAW_SERVICE_MARKER: 'openclaw',
      OPENCLAW_SERVICE_KIND: 'gateway',
      OPENCLAW_SYSTEMD_UNIT: misnamed,
      INVOCATION_ID: 'e2e0item4',
    };
    main = await startGateway(home, { profile: 'main', port: MAIN_PORT, env: startedByUnit });
    rescue = await startGateway(home, { profile: 'rescue', port: RESCUE_PORT });
    unitDir = path.join(home, '.config', 'systemd', 'user');
    fs.mkdirSync(path.join(unitDir, 'default.target.wants'), { recursive: true });
    // Copied from main's unit and renamed, its environment and port left as they were (OPENCLAW_SYSTEMD_UNIT renamed too).
    fs.writeFileSync(
      path.join(unitDir, misnamed),
      gatewayUnit({ description: 'OpenClaw Gateway (profile: rescue)', port: unitPort, env: serviceEnv(home, 'main', unitPort, misnamed) }),
    );
    // What `systemctl --user enable` leaves: the link clawdoc reads to tell enabled from disabled units.
    fs.symlinkSync(path.join(unitDir, misnamed), path.join(unitDir, 'default.target.wants', misnamed));
  }, 400_000);

  it('reports services/profile-mismatch on the unit, and tells neither healthy gateway to move', () => {
    const run = doctor(home);
    const mismatch = run.findings.filter((finding) => finding.checkId === 'services/profile-mismatch');
    expect(mismatch).toHaveLength(1);
    expect(mismatch[0]).toMatchObject({
      severity: 'warning',
      profile: 'main',
      evidence: {
        service: misnamed,
        file: path.join(unitDir, misnamed),
        manager: 'systemd',
        servicePort: unitPort,
        configPort: MAIN_PORT,
        runningPort: MAIN_PORT,
      },
    });
    expect(mismatch[0]!.evidence.disagreements).toContainEqual({ what: 'name', says: `${misnamed} stands for rescue`, expected: 'main' });
    expect(mismatch[0]!.fix!.commands).toEqual([
      'openclaw --profile main gateway install --force',
      `systemctl --user disable --now ${misnamed}`,
      'systemctl --user restart openclaw-gateway-main.service',
    ]);
    // The unit's port does not become main's: no overlap, no port finding, nothing else but rescue's missing service.
    expect(ids(run.findings)).toEqual(['gateway/unmanaged-process@rescue', 'services/profile-mismatch@main']);
    expect(run.findings.filter((finding) => finding.checkId.startsWith('ports/'))).toEqual([]);

    const plan = fixPlan(home);
    expect(plan.steps.filter((step) => step.touchesRunningGateway || step.kind.startsWith('restart') || step.kind === 'config')).toEqual([]);
    expect(plan.steps.flatMap((step) => step.commands.map((command) => command.text)).filter((text) => /gateway\.port|kill /.test(text))).toEqual([]);

    // Both gateways keep the ports their locks say.
    expect(statusOf(home, 'main').gateway).toMatchObject({ pid: main.pid, port: MAIN_PORT, portSource: 'lock' });
    expect(statusOf(home, 'rescue').gateway).toMatchObject({ pid: rescue.pid, port: RESCUE_PORT, portSource: 'lock' });
  });

  it('after the printed fix (the unit rewritten from main, the misnamed one disabled) the next run is clean of it', () => {
    // The fix's first command, run for real: 2026.9.6 refuses to manage a service for a HOME that is not the OS account's.
    const install = openclaw(home, ['--profile', 'main', 'gateway', 'install', '--force']);
    expect(install.code).not.toBe(0);
    expect(install.stderr).toContain('service management skipped: non-default state dir or config path');
    // So its effect is written by hand: main's own unit as `gateway install` writes it (enabled), and what
    // `systemctl --user disable` does to the misnamed one (its wants link goes, its file stays). The restart of
    // main's unit cannot run without a user systemd; main keeps running as started, which is what it would do, still
    // marked as the misnamed unit's (now disabled): no second supervisor is counted for it.
    const own = 'openclaw-gateway-main.service';
    fs.writeFileSync(
      path.join(unitDir, own),
      gatewayUnit({ description: 'OpenClaw Gateway (profile: main)', port: MAIN_PORT, env: serviceEnv(home, 'main', MAIN_PORT, own) }),
    );
    fs.symlinkSync(path.join(unitDir, own), path.join(unitDir, 'default.target.wants', own));
    fs.rmSync(path.join(unitDir, 'default.target.wants', misnamed));

    const after = doctor(home);
    expect(after.findings.filter((finding) => finding.checkId.startsWith('services/'))).toEqual([]);
    expect(serious(after.findings)).toEqual([]);
    expect(fs.existsSync(path.join(unitDir, misnamed))).toBe(true);
    expect(statusOf(home, 'main').gateway).toMatchObject({ state: 'running', pid: main.pid, port: MAIN_PORT });
    expect(statusOf(home, 'rescue').gateway).toMatchObject({ state: 'running', pid: rescue.pid, port: RESCUE_PORT });
  });
});

describe("a state dir that is a symlink to another profile's (item 8)", () => {
  let home: string;
  let main: Gateway;
  let mainDir: string;
  let linkDir: string;
  let mainConfig: Buffer;

  beforeAll(async () => {
    home = makeHome();
    configSet(home, 'main', 'gateway.port', String(LINKED_MAIN_PORT));
    configSet(home, 'main', 'gateway.mode', 'local');
    main = await startGateway(home, { profile: 'main', port: LINKED_MAIN_PORT });
    mainDir = path.join(home, '.openclaw-main');
    linkDir = path.join(home, '.openclaw-rescue');
    fs.symlinkSync(mainDir, linkDir);
    mainConfig = fs.readFileSync(path.join(mainDir, 'openclaw.json'));
  }, 240_000);

  /** Whether running `command` would delete, overwrite or move something whose real path is main's state dir or under it. */
  function touchesMain(command: string): boolean {
    const words = wordsOf(command);
    const underMain = (file: string) => {
      // The real path of the nearest existing ancestor, plus the rest: where a write would land.
      let existing = file;
      while (!fs.existsSync(existing)) existing = path.dirname(existing);
      const real = path.join(fs.realpathSync(existing), path.relative(existing, file));
      return real === mainDir || real.startsWith(`${mainDir}/`);
    };
    /** `rm link` / `mv link x` act on the link itself when the path is a symlink whose parent is not linked into main. */
    const onLinkItself = (file: string) => fs.lstatSync(file, { throwIfNoEntry: false })?.isSymbolicLink() === true && !underMain(path.dirname(file));
    const [tool, ...rest] = words;
    const operands = rest.filter((word) => !word.startsWith('-') && !/^\d{3}$/.test(word));
    if (tool === 'openclaw') {
      // A write through rescue's CLI lands in main's files while the link stands.
      const profile = words[words.indexOf('--profile') + 1];
      return profile === 'rescue' && /\b(config (set|unset)|gateway install)\b/.test(command);
    }
    if (tool === 'kill') return operands.includes(String(main.pid));
    if (tool === 'rm') return operands.some((file) => underMain(file) && !onLinkItself(file));
    if (tool === 'mv') return operands.some((file, index) => underMain(file) && !(index === 0 && onLinkItself(file)));
    // mkdir on an existing path fails and changes nothing; it writes into its parent.
    if (tool === 'mkdir') return operands.some((dir) => underMain(path.dirname(dir)));
    if (tool === 'cp' || tool === 'chown' || tool === 'echo') return underMain(operands[operands.length - 1] ?? '');
    return false;
  }

  it("attributes main's gateway to main, reports the link, and prints no fix that touches main's real files", () => {
    const status = statusOf(home, 'main');
    expect(status.gateway).toMatchObject({ state: 'running', pid: main.pid, port: LINKED_MAIN_PORT, portSource: 'lock' });
    // Its lock names main's state dir, and rescue does not claim the gateway.
    const lock = JSON.parse(fs.readFileSync(status.lock.file!, 'utf8')) as { pid: number; stateDir: string };
    expect(lock).toMatchObject({ pid: main.pid, stateDir: mainDir });
    expect(statusOf(home, 'rescue').gateway.pid).not.toBe(main.pid);

    const run = doctor(home);
    const shared = run.findings.find((finding) => finding.checkId === 'paths/shared-state-dir');
    expect(shared).toMatchObject({ profile: 'rescue', severity: 'error', evidence: { cause: '~/.openclaw-rescue is a symlink to ~/.openclaw-main' } });
    expect(shared!.fix!.commands).toEqual([
      expect.stringMatching(/^mv \S+\.openclaw-rescue \S+\.openclaw-rescue\.link-\d{8}T\d{6}$/),
      `mkdir -m 700 ${linkDir}`,
    ]);
    expect(run.findings.filter((finding) => finding.profile === 'main' && finding.severity !== 'info')).toEqual([]);

    const printed = run.findings.flatMap((finding) => finding.fix?.commands ?? []);
    const plan = fixPlan(home);
    const planned = plan.steps.flatMap((step) => step.commands.map((command) => command.text));
    expect([...printed, ...planned].filter(touchesMain)).toEqual([]);
    // The plan keeps its hands off both: rescue's port waits for the split, main runs healthy.
    expect(plan.steps.filter((step) => step.profile === 'rescue' || step.touchesRunningGateway)).toEqual([]);
    expect(plan.manual.map((entry) => `${entry.checkId}@${entry.profile}`)).toContain('paths/shared-state-dir@rescue');
  });

  it("after the printed fix rescue has a dir of its own; main's config, pid and lock are untouched and the finding is gone", () => {
    const shared = doctor(home).findings.find((finding) => finding.checkId === 'paths/shared-state-dir')!;
    for (const command of shared.fix!.commands) {
      const [tool, ...args] = wordsOf(command);
      execFileSync(tool!, args);
    }
    expect(fs.lstatSync(linkDir).isDirectory()).toBe(true);
    const aside = fs.readdirSync(home).filter((name) => name.startsWith('.openclaw-rescue.link-'));
    expect(aside).toHaveLength(1);
    expect(fs.readlinkSync(path.join(home, aside[0]!))).toBe(mainDir);
    expect(fs.readFileSync(path.join(mainDir, 'openclaw.json')).equals(mainConfig)).toBe(true);

    const after = doctor(home);
    expect(after.findings.filter((finding) => finding.checkId.startsWith('paths/shared-'))).toEqual([]);
    expect(serious(after.findings)).toEqual([]);
    expect(statusOf(home, 'main').gateway).toMatchObject({ state: 'running', pid: main.pid, port: LINKED_MAIN_PORT });
  });
});

describe('fixes of the other checks issue 10 added, run with real OpenClaw and rechecked', () => {
  let home: string;
  let unitDir: string;
  /** Gateways this block spawns itself (without the harness's --allow-unconfigured): stopped by pid in afterAll. */
  const own: number[] = [];

  beforeAll(() => {
    home = makeHome();
    configSet(home, 'ops', 'gateway.port', String(AUDIT_PORT));
    unitDir = path.join(home, '.config', 'systemd', 'user');
    fs.mkdirSync(unitDir, { recursive: true });
    const unit = 'openclaw-gateway-ops.service';
    fs.writeFileSync(
      path.join(unitDir, unit),
      gatewayUnit({ description: 'OpenClaw Gateway (profile: ops)', port: AUDIT_PORT, env: serviceEnv(home, 'ops', AUDIT_PORT, unit) }),
    );
  }, 120_000);

  afterAll(async () => {
    for (const pid of own) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  });

  async function healthy(port: number, within: number): Promise<boolean> {
    const until = Date.now() + within;
    while (Date.now() < until) {
      const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then(
        (response) => response.ok,
        () => false,
      );
      if (ok) return true;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    return false;
  }

  it('config/start-gate: OpenClaw refuses the start, the printed `config set gateway.mode local` lets it start, and the finding is gone', async () => {
    const finding = doctor(home).findings.find((candidate) => candidate.checkId === 'config/start-gate');
    expect(finding).toMatchObject({ profile: 'ops', fix: { commands: ['openclaw --profile ops config set gateway.mode local'] } });
    // What the service's `gateway --port N` (no --allow-unconfigured) meets today.
    const blocked = spawnSync(NODE26, [OPENCLAW_ENTRY, '--profile', 'ops', 'gateway', '--port', String(AUDIT_PORT), '--bind', 'loopback'], {
      env: isolatedEnv(home),
      encoding: 'utf8',
      timeout: 120_000,
      cwd: home,
    });
    expect(blocked.status).not.toBe(0);
    expect(`${blocked.stdout}${blocked.stderr}`).toContain('Gateway start blocked');

    applyOpenClawFix(home, finding!.fix!.commands);
    expect(doctor(home).findings.filter((candidate) => candidate.checkId === 'config/start-gate')).toEqual([]);
    // The same start now succeeds.
    const child = spawn(
      NODE26,
      [OPENCLAW_ENTRY, '--profile', 'ops', 'gateway', '--port', String(AUDIT_PORT), '--bind', 'loopback', '--token', 'e2e-ops-token'],
      {
        env: isolatedEnv(home),
        stdio: 'ignore',
        cwd: home,
      },
    );
    own.push(child.pid!);
    expect(await healthy(AUDIT_PORT, 150_000)).toBe(true);
    expect(statusOf(home, 'ops').gateway).toMatchObject({ state: 'running', pid: child.pid, port: AUDIT_PORT });
  }, 400_000);

  it('gateway/remote-override: the printed `config set gateway.mode local` sends the CLI back to its own gateway', () => {
    const elsewhere = `ws://127.0.0.1:${AUDIT_PORT + 50}`;
    configSet(home, 'ops', 'gateway.remote.url', elsewhere);
    configSet(home, 'ops', 'gateway.mode', 'remote');
    const finding = doctor(home).findings.find((candidate) => candidate.checkId === 'gateway/remote-override');
    expect(finding).toMatchObject({ profile: 'ops', evidence: { urlPort: AUDIT_PORT + 50, ownPort: AUDIT_PORT } });
    expect(finding!.fix!.commands).toEqual(['openclaw --profile ops config set gateway.mode local']);
    applyOpenClawFix(home, finding!.fix!.commands);
    expect(openclaw(home, ['--profile', 'ops', 'config', 'get', 'gateway.mode']).stdout.trim()).toBe('local');
    expect(doctor(home).findings.filter((candidate) => candidate.checkId === 'gateway/remote-override')).toEqual([]);
  }, 200_000);

  it('paths/leaked-into-default: the printed move aside of a ~/.openclaw holding only leftovers leaves no default profile behind', () => {
    // What pre-2026.8 named profiles left in ~/.openclaw: workspace-<p> dirs and lock dirs.
    const leaked = path.join(home, '.openclaw');
    fs.mkdirSync(path.join(leaked, 'workspace-ops'), { recursive: true });
    fs.mkdirSync(path.join(leaked, 'tmp'), { recursive: true });
    const finding = doctor(home).findings.find((candidate) => candidate.checkId === 'paths/leaked-into-default');
    expect(finding).toMatchObject({ profile: null, severity: 'warning', evidence: { path: leaked, movable: true } });
    for (const command of finding!.fix!.commands) {
      const [tool, ...args] = wordsOf(command);
      expect(tool).toBe('mv');
      execFileSync(tool!, args);
    }
    expect(fs.existsSync(leaked)).toBe(false);
    const after = doctor(home).findings;
    expect(after.filter((candidate) => candidate.checkId.startsWith('paths/') || candidate.checkId === 'profiles/discovery')).toEqual([]);
    expect(after.filter((candidate) => candidate.profile === 'default')).toEqual([]);
  }, 200_000);

  it('paths/stray-profile-dir: the printed move aside leaves no stray dir and no new discovery finding', () => {
    const stray = path.join(home, '.openclaw-chrome');
    fs.mkdirSync(path.join(stray, 'browser'), { recursive: true });
    const finding = doctor(home).findings.find((candidate) => candidate.checkId === 'paths/stray-profile-dir');
    expect(finding).toMatchObject({ profile: null, evidence: { path: stray } });
    for (const command of finding!.fix!.commands) {
      const [tool, ...args] = wordsOf(command);
      expect(tool).toBe('mv');
      execFileSync(tool!, args);
    }
    expect(fs.existsSync(stray)).toBe(false);
    const after = doctor(home).findings;
    expect(after.filter((candidate) => candidate.checkId === 'paths/stray-profile-dir' || candidate.checkId === 'profiles/discovery')).toEqual([]);
  }, 200_000);
});
