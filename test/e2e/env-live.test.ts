// Real gateways: inherited selectors from the shell, the built-in chrome relay port, and the startup window vs a wedged gateway.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  assertInstalled,
  clawdoc,
  foreignListener,
  isolatedEnv,
  makeHome,
  NODE26,
  OPENCLAW_ENTRY,
  openclaw,
  removeHomes,
  startGateway,
  stopAllGateways,
} from './openclaw.js';
import { doctorSchemaErrors } from '../support/schema.js';

// Away from the ports other e2e files use (18789, 19789), 300 apart so no plans overlap.
const BASE = 33000 + Math.floor(Math.random() * 40) * 10;
const MAIN_PORT = BASE;
const RESCUE_PORT = BASE + 300;
const WEDGED_PORT = BASE + 600;
const TOKEN = 'e2e-env-live-token';

interface Finding {
  checkId: string;
  severity: string;
  profile: string | null;
  message: string;
  fix?: { commands: string[] };
  evidence: Record<string, unknown>;
}

let home: string;
const ownChildren: ChildProcess[] = [];

function configSet(profile: string, key: string, value: string): void {
  const result = openclaw(home, ['--profile', profile, 'config', 'set', key, value]);
  if (result.code !== 0) throw new Error(`config set ${key} failed: ${result.stderr}`);
}

function doctor(env: Record<string, string> = {}): { code: number | null; findings: Finding[] } {
  const run = clawdoc(home, ['doctor', '--all-profiles', '--json'], { env });
  expect(doctorSchemaErrors(run.json)).toEqual([]);
  return { code: run.code, findings: run.json.findings as Finding[] };
}

function gatewayState(profile: string): { state: string; pid: number | null; detail: string; lock: unknown } {
  const run = clawdoc(home, ['status', '--all-profiles', '--json']);
  const entry = run.json.profiles.find((candidate: { name: string }) => candidate.name === profile);
  if (process.env.CLAWDOC_E2E_DUMP) fs.writeFileSync(process.env.CLAWDOC_E2E_DUMP, run.stdout);
  return { ...entry.gateway, lock: entry.lock };
}

function lockFile(profile: string): string {
  return path.join(home, `.openclaw-${profile}`, 'tmp', `openclaw-${process.getuid!()}`, 'gateway.state.lock');
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  assertInstalled();
  home = makeHome();
  for (const [profile, port] of [
    ['main', MAIN_PORT],
    ['rescue', RESCUE_PORT],
    ['slow', WEDGED_PORT],
  ] as const) {
    configSet(profile, 'gateway.port', String(port));
    configSet(profile, 'gateway.mode', 'local');
  }
  await Promise.all([
    startGateway(home, { profile: 'main', port: MAIN_PORT, token: TOKEN }),
    startGateway(home, { profile: 'rescue', port: RESCUE_PORT, token: TOKEN }),
  ]);
}, 240_000);

afterAll(async () => {
  for (const child of ownChildren) {
    if (child.exitCode !== null || child.signalCode !== null) continue;
    child.kill('SIGCONT');
    child.kill('SIGKILL');
  }
  await stopAllGateways();
  removeHomes();
});

describe('inherited OPENCLAW_STATE_DIR (item 3)', () => {
  it('says `--profile rescue` acts on main, as OpenClaw does, and the printed unset makes the next run clean', () => {
    const inherited = { OPENCLAW_STATE_DIR: path.join(home, '.openclaw-main') };
    // What OpenClaw itself does from such a shell: rescue's CLI reads main's config.
    const real = openclaw(home, ['--profile', 'rescue', 'config', 'get', 'gateway.port'], inherited);
    expect(real.stdout.trim()).toBe(String(MAIN_PORT));

    const run = doctor(inherited);
    const finding = run.findings.find((candidate) => candidate.checkId === 'env/inherited-selectors');
    expect(finding).toMatchObject({ profile: 'rescue', severity: 'warning', fix: { commands: ['unset OPENCLAW_STATE_DIR'] } });
    expect(finding!.message).toContain("`openclaw --profile rescue` acts on main's state dir");
    expect(finding!.message).toContain(`main's port ${MAIN_PORT}`);
    expect(finding!.message).toContain("would restart main's gateway, not rescue's");
    // No phantom profile from the environment.
    expect(run.findings.filter((candidate) => candidate.profile === 'default' || candidate.profile?.startsWith('env:'))).toEqual([]);

    // The fix is `unset OPENCLAW_STATE_DIR`: the same run without it.
    const after = doctor();
    expect(after.findings.filter((candidate) => candidate.checkId.startsWith('env/'))).toEqual([]);
    expect(after.findings.filter((candidate) => candidate.severity !== 'info')).toEqual([]);
    expect(after.code).toBe(0);
  }, 120_000);
});

describe("the built-in chrome extension profile's relay on control+8 (item 10)", () => {
  it('OpenClaw shows it, and a foreign listener there is reported', async () => {
    const relayPort = RESCUE_PORT + 2 + 8;
    // The listener goes first: asking the gateway about its browser profiles may start the relay itself.
    const close = await foreignListener(relayPort);
    try {
      const finding = doctor().findings.find((candidate) => candidate.checkId === 'ports/foreign-listener');
      expect(finding).toMatchObject({ profile: 'rescue', evidence: { port: relayPort } });
      expect(finding!.message).toContain(`extension-relay (chrome) port ${relayPort}`);
    } finally {
      await close();
    }
    expect(doctor().findings.filter((candidate) => candidate.checkId === 'ports/foreign-listener')).toEqual([]);
    const profiles = openclaw(home, ['--profile', 'rescue', 'browser', 'profiles'], { OPENCLAW_GATEWAY_TOKEN: TOKEN });
    expect(profiles.stdout).toMatch(new RegExp(`chrome: stopped \\[extension\\]\\s+transport: extension, relayPort: ${relayPort}\\b`));
  }, 120_000);
});

describe('startup window vs wedged (item 11)', () => {
  it('a gateway frozen after taking its lock is starting, then wedged; stopping its pid first lets it start again', async () => {
    const lock = lockFile('slow');
    const child = spawn(NODE26, [OPENCLAW_ENTRY, '--profile', 'slow', 'gateway', '--bind', 'loopback', '--token', TOKEN], {
      env: isolatedEnv(home),
      stdio: 'ignore',
      cwd: home,
    });
    ownChildren.push(child);
    const deadline = Date.now() + 90_000;
    // The lock is created, then written: wait until it names the pid, or a stop could freeze it half-written.
    const written = () => {
      try {
        return (JSON.parse(fs.readFileSync(lock, 'utf8')) as { pid?: number }).pid === child.pid;
      } catch {
        return false;
      }
    };
    while (!written() && Date.now() < deadline) await sleep(20);
    expect(written()).toBe(true);
    // Frozen between taking the lock and listening: the state a slow start or a hang leaves.
    child.kill('SIGSTOP');
    const lockedAt = Date.now();

    expect(gatewayState('slow')).toMatchObject({ state: 'starting', pid: child.pid });
    expect(doctor().findings.filter((candidate) => candidate.profile === 'slow')).toEqual([]);

    await sleep(Math.max(0, 31_000 - (Date.now() - lockedAt)));
    expect(gatewayState('slow')).toMatchObject({ state: 'wedged', pid: child.pid });
    const finding = doctor().findings.find((candidate) => candidate.checkId === 'gateway/wedged');
    expect(finding).toMatchObject({ profile: 'slow', fix: { commands: [`kill ${child.pid}`] } });
    expect(doctor().findings.filter((candidate) => candidate.profile === 'slow' && candidate.checkId === 'gateway/stale-lock')).toEqual([]);

    // While it holds the lock, another start of the same profile fails (the reason the fix stops the pid first).
    const second = spawnSync(NODE26, [OPENCLAW_ENTRY, '--profile', 'slow', 'gateway', '--bind', 'loopback', '--token', TOKEN], {
      env: isolatedEnv(home),
      encoding: 'utf8',
      timeout: 90_000,
      cwd: home,
    });
    expect(second.status).not.toBe(0);
    expect(`${second.stdout}${second.stderr}`).toMatch(/gateway-lifecycle|already running|lock/i);

    // The fix: `kill <pid>` (SIGTERM reaches a stopped process once it is continued).
    child.kill('SIGTERM');
    child.kill('SIGCONT');
    const exited = await Promise.race([new Promise((resolve) => child.once('exit', () => resolve(true))), sleep(20_000).then(() => false)]);
    if (!exited) child.kill('SIGKILL');
    const restarted = await startGateway(home, { profile: 'slow', port: WEDGED_PORT, token: TOKEN });
    expect(gatewayState('slow')).toMatchObject({ state: 'running', pid: restarted.pid });
    expect(doctor().findings.filter((candidate) => candidate.profile === 'slow' && candidate.severity !== 'info')).toEqual([]);
  }, 240_000);
});
