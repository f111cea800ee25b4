// Who started a real gateway: by hand beside its enabled systemd unit (services/duplicate-supervisor, disable the unit), or with the unit's environment (silent).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertInstalled, clawdoc, makeHome, NODE26, OPENCLAW_ENTRY, openclaw, removeHomes, startGateway, stopAllGateways, type Gateway } from './openclaw.js';
import { parseSystemdUnit } from '../../src/profiles/services/systemd.js';
import { jsonSchemaErrors } from '../support/schema.js';

const HAND_PORT = 31100;
const SERVICE_PORT = 31500;
const UNIT = 'openclaw-gateway-rescue.service';

/**
 * The unit `openclaw --profile rescue gateway install --port N` writes, made by OpenClaw 2026.9.6's own functions
 * (buildGatewayInstallPlan, buildSystemdUnit in its dist/): `gateway install` itself refuses a HOME that is not the OS
 * account's home, and there is no systemd user manager here.
 */
function openclawUnit(home: string, port: number): string {
  const script = `import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
const entry = ${JSON.stringify(OPENCLAW_ENTRY)};
const dist = path.join(path.dirname(entry), 'dist');
const chunk = (prefix) => pathToFileURL(path.join(dist, fs.readdirSync(dist).find((file) => file.startsWith(prefix) && file.endsWith('.mjs')))).href;
// The CLI entry the unit's ExecStart names is found from argv[1], as when \`openclaw gateway install\` runs.
process.argv[1] = entry;
const { t: buildGatewayInstallPlan } = await import(chunk('daemon-install-helpers-'));
const { n: buildSystemdUnit } = await import(chunk('systemd-unit-'));
const plan = await buildGatewayInstallPlan({ env: process.env, port: ${port}, runtime: 'node' });
process.stdout.write(buildSystemdUnit({ description: 'OpenClaw Gateway (profile: rescue)', ...plan }));`;
  const stateDir = path.join(home, '.openclaw-rescue');
  const result = spawnSync(NODE26, ['--input-type=module', '--eval', script], {
    env: {
      HOME: home,
      PATH: `${path.dirname(NODE26)}:/usr/bin:/bin`,
      OPENCLAW_PROFILE: 'rescue',
      OPENCLAW_STATE_DIR: stateDir,
      OPENCLAW_CONFIG_PATH: path.join(stateDir, 'openclaw.json'),
    },
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (result.status !== 0) throw new Error(`could not build the unit:\n${result.stderr}`);
  return result.stdout;
}

/** A home with rescue on `port` and its unit installed and enabled, as `gateway install` and `systemctl --user enable` leave them. */
function homeWithUnit(port: number): { home: string; unitText: string; wantsLink: string } {
  const home = makeHome();
  for (const [key, value] of [
    ['gateway.port', String(port)],
    ['gateway.mode', 'local'],
  ]) {
    const set = openclaw(home, ['--profile', 'rescue', 'config', 'set', key!, value!]);
    if (set.code !== 0) throw new Error(`config set ${key} failed: ${set.stderr}`);
  }
  const unitDir = path.join(home, '.config/systemd/user');
  const unitText = openclawUnit(home, port);
  fs.mkdirSync(path.join(unitDir, 'default.target.wants'), { recursive: true });
  fs.writeFileSync(path.join(unitDir, UNIT), unitText);
  const wantsLink = path.join(unitDir, 'default.target.wants', UNIT);
  fs.symlinkSync(path.join('..', UNIT), wantsLink);
  return { home, unitText, wantsLink };
}

interface Finding {
  checkId: string;
  profile: string | null;
  fix?: { commands: string[] };
  evidence: Record<string, unknown>;
}

function doctor(home: string): Finding[] {
  const run = clawdoc(home, ['doctor', '--all-profiles', '--json']);
  expect(jsonSchemaErrors(run.json)).toEqual([]);
  return run.json.findings as Finding[];
}

const about = (findings: Finding[], ...checkIds: string[]) => findings.filter((finding) => finding.profile === 'rescue' && checkIds.includes(finding.checkId));

function supervisorOf(home: string): Record<string, unknown> {
  const status = clawdoc(home, ['--profile', 'rescue', 'status', '--json']);
  expect(jsonSchemaErrors(status.json)).toEqual([]);
  return status.json.profiles[0].gateway.supervisor;
}

let byHand: { home: string; wantsLink: string; gateway: Gateway };
let byService: { home: string; gateway: Gateway };

beforeAll(async () => {
  assertInstalled();
  const hand = homeWithUnit(HAND_PORT);
  const service = homeWithUnit(SERVICE_PORT);
  // What systemd gives the unit's process: the unit's Environment= lines, plus variables of its own.
  const unit = parseSystemdUnit(path.join(service.home, '.config/systemd/user', UNIT), service.unitText);
  expect(unit).toMatchObject({ name: UNIT, isGateway: true, profile: 'rescue', portArg: SERVICE_PORT });
  const systemdEnv = { ...unit!.env, INVOCATION_ID: '5f0c3a1e9b2d4c6e8a0b1c2d3e4f5a6b', JOURNAL_STREAM: '8:424242' };
  const [handGateway, serviceGateway] = await Promise.all([
    startGateway(hand.home, { profile: 'rescue', port: HAND_PORT }),
    startGateway(service.home, { profile: 'rescue', port: SERVICE_PORT, env: systemdEnv }),
  ]);
  byHand = { home: hand.home, wantsLink: hand.wantsLink, gateway: handGateway! };
  byService = { home: service.home, gateway: serviceGateway! };
});

afterAll(async () => {
  await stopAllGateways();
  removeHomes();
});

describe('a gateway started by hand beside its enabled systemd unit', () => {
  it('status says it was started by hand', () => {
    expect(supervisorOf(byHand.home)).toMatchObject({ by: 'hand', manager: null, name: null });
  });

  it('doctor reports the duplicate supervisor once: keep the pid, disable the unit', () => {
    const findings = about(doctor(byHand.home), 'services/duplicate-supervisor', 'gateway/unmanaged-process');
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      checkId: 'services/duplicate-supervisor',
      fix: { commands: [`systemctl --user disable --now ${UNIT}`] },
      evidence: {
        keep: { pid: byHand.gateway.pid, port: HAND_PORT, startedBy: 'hand' },
        extra: [{ name: UNIT, manager: 'systemd', scope: 'user', legacy: false, port: HAND_PORT }],
        runningPort: HAND_PORT,
      },
    });
  });

  it('once the unit is disabled, the duplicate is gone and the gateway is reported as running on its own', () => {
    // There is no systemd user manager here: `systemctl --user disable` removes exactly this link (the unit is not
    // running, so `--now` has nothing to stop, and it never stops the hand-started pid, which is outside the unit).
    fs.unlinkSync(byHand.wantsLink);
    const findings = about(doctor(byHand.home), 'services/duplicate-supervisor', 'gateway/unmanaged-process');
    expect(findings).toMatchObject([{ checkId: 'gateway/unmanaged-process', evidence: { pid: byHand.gateway.pid, services: [UNIT] } }]);
    expect(supervisorOf(byHand.home)).toMatchObject({ by: 'hand' });
  });
});

describe('a gateway started with the environment systemd gives its unit', () => {
  it('status names the unit, and neither check speaks', () => {
    expect(supervisorOf(byService.home)).toMatchObject({ by: 'service', manager: 'systemd', name: UNIT });
    expect(about(doctor(byService.home), 'services/duplicate-supervisor', 'gateway/unmanaged-process')).toEqual([]);
  });
});
