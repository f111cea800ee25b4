// `clawdoc fix --apply` against real gateways: rescue inside main's CDP band is moved (stop + start), main is never touched.
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  assertInstalled,
  clawdoc,
  foreignListener,
  makeHome,
  openclaw,
  openclawExecutable,
  removeHomes,
  startGateway,
  stopAllGateways,
  stopPid,
  type Gateway,
} from './openclaw.js';
import { jsonSchemaErrors } from '../support/schema.js';

// In this file's port range (32000-32999): other e2e files run gateways at the same time.
const MAIN_PORT = 32100;
// "Leave 20 ports" (older docs): inside main's CDP band (32111-32210).
const RESCUE_PORT = 32120;
// The nearest base 120+ from main whose reach (base+110) is clear.
const MOVED_PORT = 32220;

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

let home: string;
let main: Gateway;
let rescue: Gateway;
/** Gateways clawdoc started during a test (a hand-started gateway is stopped and started again): the test stops them. */
const startedByFix = new Set<number>();

function configSet(profile: string, key: string, value: string): void {
  const result = openclaw(home, ['--profile', profile, 'config', 'set', key, value]);
  if (result.code !== 0) throw new Error(`config set ${key} failed: ${result.stderr}`);
}

/** clawdoc with a bound long enough for a gateway to stop and start again (tens of seconds on a loaded host). */
function clawdocLong(args: string[]) {
  const result = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'clawdoc.js'), '--home', home, ...args], {
    env: { PATH: process.env.PATH, HOME: home },
    encoding: 'utf8',
    timeout: 400_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr, json: JSON.parse(result.stdout) };
}

function statusOf(name: string) {
  const status = clawdoc(home, ['status', '--all-profiles', '--json']).json;
  return status.profiles.find((profile: { name: string }) => profile.name === name).gateway as { state: string; pid: number | null; port: number };
}

beforeAll(async () => {
  assertInstalled();
  home = makeHome();
  for (const [profile, port] of [
    ['main', MAIN_PORT],
    ['rescue', RESCUE_PORT],
  ] as const) {
    configSet(profile, 'gateway.port', String(port));
    // Started again by clawdoc as `openclaw --profile rescue gateway`, which needs gateway.mode=local (no --allow-unconfigured).
    configSet(profile, 'gateway.mode', 'local');
  }
  [main, rescue] = await Promise.all([startGateway(home, { profile: 'main', port: MAIN_PORT }), startGateway(home, { profile: 'rescue', port: RESCUE_PORT })]);
});

afterAll(async () => {
  await Promise.all([...startedByFix].map(stopPid));
  await stopAllGateways();
  removeHomes();
});

describe('clawdoc fix on real gateways', () => {
  it('plans to move rescue (stop + start), not main', () => {
    const run = clawdoc(home, ['fix', '--json']);
    expect(jsonSchemaErrors(run.json)).toEqual([]);
    expect(
      run.json.steps.map((step: { kind: string; profile: string; commands: Array<{ text: string }> }) => [
        step.kind,
        step.profile,
        step.commands.map((c) => c.text),
      ]),
    ).toEqual([
      ['config', 'rescue', [`openclaw --profile rescue config set gateway.port ${MOVED_PORT}`]],
      ['restart-unmanaged', 'rescue', [`kill ${rescue.pid}`, 'openclaw --profile rescue gateway --bind loopback']],
    ]);
    expect(run.code).toBe(1);
  });

  it('refuses to apply without --yes when there is no terminal', () => {
    const run = clawdoc(home, ['fix', '--apply', '--openclaw', openclawExecutable(home)]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--yes');
    expect(statusOf('rescue')).toMatchObject({ state: 'running', pid: rescue.pid, port: RESCUE_PORT });
  });

  it('fix --apply --yes --restart-unmanaged moves rescue; doctor is clean and main keeps its pid', { timeout: 500_000 }, () => {
    const run = clawdocLong(['fix', '--apply', '--yes', '--restart-unmanaged', '--openclaw', openclawExecutable(home), '--json']);
    expect(jsonSchemaErrors(run.json)).toEqual([]);
    const moved = statusOf('rescue');
    if (moved.pid !== null) startedByFix.add(moved.pid);
    expect(
      run.json.applied.map((step: { id: string; status: string }) => `${step.id} ${step.status}`),
      run.stdout + run.stderr,
    ).toEqual(['s1 done', 's2 done']);
    expect(run.json.after).toEqual([]);
    expect(run.code).toBe(0);
    expect(moved).toMatchObject({ state: 'running', port: MOVED_PORT });
    expect(moved.pid).not.toBe(rescue.pid);
    expect(statusOf('main')).toMatchObject({ state: 'running', pid: main.pid, port: MAIN_PORT });
    const doctor = clawdoc(home, ['doctor', '--all-profiles']);
    expect(doctor.code, doctor.stdout).toBe(0);
    const config = path.join(home, '.openclaw-rescue', 'openclaw.json');
    const backups = fs.readdirSync(path.dirname(config)).filter((name) => name.startsWith('openclaw.json.clawdoc-') && name.endsWith('.bak'));
    expect(backups).toHaveLength(1);
    expect(fs.readdirSync(path.join(home, '.cache', 'clawdoc')).filter((name) => name.startsWith('journal-'))).toHaveLength(1);
  });

  it('fix --undo --restart-unmanaged puts rescue’s config back and rescue on its old port; main keeps its pid', { timeout: 500_000 }, () => {
    const config = path.join(home, '.openclaw-rescue', 'openclaw.json');
    const backup = fs.readdirSync(path.dirname(config)).find((name) => name.startsWith('openclaw.json.clawdoc-') && name.endsWith('.bak'))!;
    const moved = statusOf('rescue');
    const run = clawdocLong(['fix', '--undo', '--restart-unmanaged', '--json']);
    const back = statusOf('rescue');
    if (back.pid !== null) startedByFix.add(back.pid);
    expect(jsonSchemaErrors(run.json)).toEqual([]);
    expect(run.json.undone.restarts, run.stdout + run.stderr).toEqual([
      { step: 's2', profile: 'rescue', status: 'done', commands: [`kill ${moved.pid}`, 'openclaw --profile rescue gateway --bind loopback'] },
    ]);
    expect(run.code).toBe(0);
    expect(fs.readFileSync(config, 'utf8')).toBe(fs.readFileSync(path.join(path.dirname(config), backup), 'utf8'));
    expect(clawdoc(home, ['profiles', '--json']).json.profiles.find((profile: { name: string }) => profile.name === 'rescue').gatewayPort).toBe(RESCUE_PORT);
    expect(back).toMatchObject({ state: 'running', port: RESCUE_PORT });
    expect(back.pid).not.toBe(moved.pid);
    expect(statusOf('main')).toMatchObject({ state: 'running', pid: main.pid, port: MAIN_PORT });
    // The original problem is back: rescue runs inside main's CDP band again.
    const doctor = clawdoc(home, ['doctor', '--all-profiles', '--json']);
    expect(doctor.json.findings.map((finding: { checkId: string; profile: string }) => `${finding.checkId}@${finding.profile}`)).toContain(
      'ports/band-overlap@rescue',
    );
  });
});

describe('clawdoc fix on stopped hash-port profiles with a foreign listener in the way', () => {
  it('pins main, moves rescue clear of main and of the listener, and the next doctor is clean', async () => {
    const before = home;
    home = makeHome();
    try {
      // main and rescue rely on the name hash (23592 and 23532: 60 apart); a foreign process holds 23473, inside the reach of the nearest free bases.
      for (const profile of ['main', 'rescue']) configSet(profile, 'gateway.mode', 'local');
      const close = await foreignListener(23473);
      try {
        const plan = clawdoc(home, ['fix', '--json']);
        expect(jsonSchemaErrors(plan.json)).toEqual([]);
        const commands = plan.json.steps.flatMap((step: { commands: Array<{ text: string }> }) => step.commands.map((c) => c.text));
        expect(commands).toEqual(['openclaw --profile main config set gateway.port 23592', 'openclaw --profile rescue config set gateway.port 23362']);
        const run = clawdocLong(['fix', '--apply', '--yes', '--openclaw', openclawExecutable(home), '--json']);
        expect(
          run.json.applied.map((step: { status: string }) => step.status),
          run.stdout + run.stderr,
        ).toEqual(['done', 'done']);
        const doctor = clawdoc(home, ['doctor', '--all-profiles', '--json']);
        expect(doctor.json.findings.filter((finding: { severity: string }) => finding.severity !== 'info')).toEqual([]);
        expect(doctor.code).toBe(0);
      } finally {
        await close();
      }
    } finally {
      home = before;
    }
  });
});

describe('clawdoc fix on a shared workspace of two running gateways', () => {
  it('gives one profile its own workspace with a live config change: no restart, same pids', async () => {
    const before = home;
    home = makeHome();
    try {
      const shared = path.join(home, 'bots', 'workspace');
      for (const [profile, port] of [
        ['main', 32500],
        ['rescue', 32700],
      ] as const) {
        configSet(profile, 'gateway.port', String(port));
        configSet(profile, 'gateway.mode', 'local');
        configSet(profile, 'agents.defaults.workspace', shared);
      }
      const [sharedMain, sharedRescue] = await Promise.all([
        startGateway(home, { profile: 'main', port: 32500 }),
        startGateway(home, { profile: 'rescue', port: 32700 }),
      ]);
      // Which of two healthy gateways keeps the dir depends on what the probes saw (a slow /healthz is "unhealthy"): either way, one step, no restart.
      const plan = clawdoc(home, ['fix', '--json']);
      const steps = plan.json.steps as Array<{ kind: string; profile: string; commands: Array<{ text: string }> }>;
      const moving = steps[0]?.profile;
      expect(steps.map((step) => [step.kind, step.commands.map((c) => c.text)])).toEqual([
        ['config', [`openclaw --profile ${moving} config set agents.defaults.workspace ${home}/.openclaw-${moving}/workspace`]],
      ]);
      const run = clawdocLong(['fix', '--apply', '--yes', '--openclaw', openclawExecutable(home), '--json']);
      expect(
        run.json.applied.map((step: { status: string }) => step.status),
        run.stdout + run.stderr,
      ).toEqual(['done']);
      expect(statusOf('main')).toMatchObject({ state: 'running', pid: sharedMain.pid });
      expect(statusOf('rescue')).toMatchObject({ state: 'running', pid: sharedRescue.pid });
      const doctor = clawdoc(home, ['doctor', '--all-profiles', '--json']);
      expect(doctor.json.findings.filter((finding: { severity: string }) => finding.severity !== 'info')).toEqual([]);
    } finally {
      home = before;
    }
  });
});
