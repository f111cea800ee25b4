// Real main + rescue gateways: status, browser status and the doctor, and fixes that make the next run clean.
import path from 'node:path';
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  applyOpenClawFix,
  assertInstalled,
  clawdoc,
  foreignListener,
  makeHome,
  openclaw,
  removeHomes,
  startGateway,
  stopAllGateways,
  type Gateway,
} from './openclaw.js';
import { doctorSchemaErrors } from '../support/schema.js';
import { findChromium, headlessChromiumArgs } from './chromium.js';

const MAIN_PORT = 18789;
const RESCUE_PORT = 19789;
const chromiumPath = findChromium();

interface Finding {
  checkId: string;
  severity: string;
  profile: string | null;
  fix?: { commands: string[] };
  evidence: Record<string, unknown>;
}

let home: string;
let main: Gateway;
let rescue: Gateway;

function configSet(profile: string, key: string, value: string): void {
  const result = openclaw(home, ['--profile', profile, 'config', 'set', key, value]);
  if (result.code !== 0) throw new Error(`config set ${key} failed: ${result.stderr}`);
}

function doctor(): { code: number | null; findings: Finding[] } {
  const run = clawdoc(home, ['doctor', '--all-profiles', '--json']);
  expect(doctorSchemaErrors(run.json)).toEqual([]);
  return { code: run.code, findings: run.json.findings as Finding[] };
}

function rescuePortFromConfig(): number {
  return clawdoc(home, ['profiles', '--json']).json.profiles.find((profile: { name: string }) => profile.name === 'rescue').gatewayPort as number;
}

async function restartRescue(options: { portFlag?: number } = {}): Promise<void> {
  await rescue.stop();
  const port = options.portFlag ?? rescuePortFromConfig();
  rescue = await startGateway(home, { profile: 'rescue', port, portFlag: options.portFlag !== undefined });
}

/** Applies a finding's OpenClaw commands; a moved gateway is restarted on its new port. */
async function applyFix(finding: Finding): Promise<void> {
  applyOpenClawFix(home, finding.fix?.commands ?? []);
  if (finding.fix?.commands.some((command) => command.includes('gateway.port')) && finding.profile === 'rescue') await restartRescue();
}

function expectClean(): void {
  const run = doctor();
  expect(run.findings.filter((finding) => finding.severity === 'error')).toEqual([]);
  expect(run.code).toBe(0);
}

beforeAll(async () => {
  assertInstalled();
  home = makeHome();
  configSet('main', 'gateway.port', String(MAIN_PORT));
  configSet('rescue', 'gateway.port', String(RESCUE_PORT));
  [main, rescue] = await Promise.all([startGateway(home, { profile: 'main', port: MAIN_PORT }), startGateway(home, { profile: 'rescue', port: RESCUE_PORT })]);
});

afterAll(async () => {
  await stopAllGateways();
  removeHomes();
});

describe('a healthy main + rescue host', () => {
  it('status reports both running with their pids and ports, from their lock files', () => {
    const status = clawdoc(home, ['status', '--all-profiles', '--json']).json;
    const byName = Object.fromEntries(status.profiles.map((profile: { name: string }) => [profile.name, profile]));
    expect(byName.main.gateway).toMatchObject({
      state: 'running',
      pid: main.pid,
      port: MAIN_PORT,
      portSource: 'lock',
      health: { ok: true, status: 'live' },
      version: '2026.9.6',
    });
    expect(byName.rescue.gateway).toMatchObject({
      state: 'running',
      pid: rescue.pid,
      port: RESCUE_PORT,
      configuredPort: RESCUE_PORT,
      configuredPortSource: 'config',
    });
    expect(byName.rescue.lock).toMatchObject({ state: 'live', pid: rescue.pid, port: RESCUE_PORT });
    expect(byName.main.canvas).toEqual({ where: 'gateway-path', port: MAIN_PORT, path: '/__openclaw__/a2ui/', state: 'served', answer: 'http-error 401' });
  });

  it('doctor exits 0 with no errors', () => {
    expectClean();
  });

  it('browser status works for one profile and says control runs inside the gateway (2026.9)', () => {
    const status = clawdoc(home, ['--profile', 'rescue', 'browser', 'status', '--json']).json;
    expect(status.profiles).toHaveLength(1);
    expect(status.profiles[0]).toMatchObject({ name: 'rescue', control: { port: RESCUE_PORT + 2, state: 'in-gateway' } });
    expect(status.profiles[0].browserProfiles[0]).toMatchObject({ name: 'openclaw', cdpPort: RESCUE_PORT + 11, state: 'down' });
  });
});

describe('one problem at a time, each fixed by its own fix', () => {
  it("a foreign listener on rescue's control port", async () => {
    const controlPort = rescuePortFromConfig() + 2;
    const close = await foreignListener(controlPort);
    try {
      const browser = clawdoc(home, ['--profile', 'rescue', 'browser', 'status', '--json']).json.profiles[0];
      expect(browser.control).toMatchObject({ port: controlPort, state: 'foreign', owner: { pid: process.pid, kind: 'other' } });
      const run = doctor();
      const finding = run.findings.find((candidate) => candidate.checkId === 'ports/foreign-listener');
      expect(finding).toMatchObject({
        severity: 'error',
        profile: 'rescue',
        evidence: { port: controlPort, role: 'browser-control', owner: { pid: process.pid } },
      });
      expect(run.code).toBe(1);
      await applyFix(finding!);
      expectClean();
    } finally {
      await close();
    }
  });

  it("rescue moved into main's derived ports", async () => {
    configSet('rescue', 'gateway.port', String(MAIN_PORT + 2));
    await restartRescue();
    const run = doctor();
    const finding = run.findings.find((candidate) => candidate.checkId === 'ports/derived-collision');
    expect(finding).toMatchObject({
      severity: 'error',
      profile: 'rescue',
      profiles: ['main', 'rescue'],
      evidence: { shared: [{ port: MAIN_PORT + 2, rescue: 'gateway', main: 'browser-control' }] },
    });
    await applyFix(finding!);
    expectClean();
  });

  it('a shared workspace', async () => {
    const shared = path.join(home, 'shared-workspace');
    configSet('main', 'agents.defaults.workspace', shared);
    configSet('rescue', 'agents.defaults.workspace', shared);
    const finding = doctor().findings.find((candidate) => candidate.checkId === 'paths/shared-workspace');
    expect(finding).toMatchObject({
      severity: 'error',
      profile: 'rescue',
      evidence: { relation: 'same', workspaces: { main: { path: shared }, rescue: { path: shared } } },
    });
    await applyFix(finding!);
    expectClean();
  });

  it('the same pinned browser.cdpUrl in both profiles', async () => {
    configSet('main', 'browser.cdpUrl', 'http://127.0.0.1:9222');
    configSet('rescue', 'browser.cdpUrl', 'http://localhost:9222');
    const finding = doctor().findings.find((candidate) => candidate.checkId === 'browser/shared-cdp-url');
    expect(finding).toMatchObject({ severity: 'error', profile: 'rescue', evidence: { endpoint: '127.0.0.1:9222' } });
    await applyFix(finding!);
    expectClean();
  });

  it('a gateway started with --port while its config says otherwise', async () => {
    const unset = openclaw(home, ['--profile', 'rescue', 'config', 'unset', 'gateway.port']);
    expect(unset.code, unset.stderr).toBe(0);
    await restartRescue({ portFlag: RESCUE_PORT });
    const status = clawdoc(home, ['--profile', 'rescue', 'status', '--json']).json.profiles[0];
    expect(status.gateway).toMatchObject({ state: 'running', pid: rescue.pid, port: RESCUE_PORT, configuredPort: 23532, configuredPortSource: 'profile-hash' });
    const finding = doctor().findings.find((candidate) => candidate.checkId === 'gateway/port-drift');
    expect(finding).toMatchObject({
      severity: 'warning',
      profile: 'rescue',
      fix: { commands: [`openclaw --profile rescue config set gateway.port ${RESCUE_PORT}`] },
    });
    await applyFix(finding!);
    const after = doctor();
    expect(after.findings.filter((candidate) => candidate.checkId === 'gateway/port-drift' || candidate.checkId === 'ports/hash-default')).toEqual([]);
    expect(after.code).toBe(0);
  });

  it.skipIf(chromiumPath === null)("another profile's Chrome on rescue's CDP port", async () => {
    const chromium = chromiumPath!;
    const cdpPort = clawdoc(home, ['--profile', 'rescue', 'browser', 'status', '--json']).json.profiles[0].browserProfiles[0].cdpPort as number;
    const userDataDir = path.join(home, '.openclaw-main', 'browser', 'openclaw', 'user-data');
    const chrome = spawn(chromium, headlessChromiumArgs(cdpPort, userDataDir), { stdio: 'ignore' });
    try {
      let browser: any;
      for (let attempt = 0; attempt < 40; attempt += 1) {
        browser = clawdoc(home, ['--profile', 'rescue', 'browser', 'status', '--json']).json.profiles[0].browserProfiles[0];
        if (browser.browser) break;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      expect(browser).toMatchObject({ cdpPort, state: 'foreign', owner: { pid: chrome.pid, kind: 'chromium', profile: 'main' } });
      expect(browser.browser).toMatch(/Chrome/);
      expect(browser.tabs).toBeGreaterThanOrEqual(1);
      const finding = doctor().findings.find((candidate) => candidate.checkId === 'browser/cdp-foreign');
      expect(finding).toMatchObject({ severity: 'warning', profile: 'rescue', evidence: { port: cdpPort, pid: chrome.pid, ownerProfile: 'main' } });
    } finally {
      chrome.kill('SIGKILL');
    }
  });

  it('a stopped gateway', async () => {
    await main.stop();
    const status = clawdoc(home, ['status', '--all-profiles', '--json']).json.profiles.find((profile: { name: string }) => profile.name === 'main');
    expect(status.gateway).toMatchObject({ state: 'stopped', pid: null, port: MAIN_PORT });
    const run = doctor();
    expect(run.findings.find((finding) => finding.profile === 'main')).toMatchObject({ checkId: 'gateway/not-running', severity: 'info' });
    expect(run.code).toBe(0);
  });
});
