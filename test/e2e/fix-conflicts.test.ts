// `clawdoc fix` on the conflicts of issue 11 the other e2e files leave out, on real gateways: an explicit cdpPort in another
// profile's band, a gateway started with --port inside another's band, one Telegram bot token in two running gateways.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  assertInstalled,
  clawdoc,
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

// Ports of this file's range (33000-34999): main's CDP band is 33011-33110.
const MAIN_PORT = 33000;
const RESCUE_PORT = 34000;
// Inside main's CDP band: where rescue is started by hand with --port, and later the explicit cdpPort of its browser profile `work`.
const IN_MAIN_BAND = 33050;
// Where the plan moves rescue: back to its configured port, which is free.
const RESCUE_MOVED = RESCUE_PORT;
const TELEGRAM_API_PORT = 34500;
// Fake bot tokens: they only ever reach the loopback stub below.
const SHARED_TOKEN = '111111:AAshared-fake-token-for-e2e-0000000';
const OWN_TOKEN = '222222:AAown-fake-token-for-e2e-11111111111';

// This host runs other builds and gateways at the same time: a just-started gateway can take longer than the default 1.5 s
// probe bound to answer /healthz, and a healthy but slow main would look "unhealthy" (then the planner keeps rescue instead).
const PROBE = ['--timeout', '10000'];

let home: string;
let main: Gateway;
let rescue: Gateway;
/** Gateways `clawdoc fix` started (a hand-started one is stopped and started again): stopped by pid at the end. */
const startedByFix = new Set<number>();

interface Step {
  kind: string;
  profile: string | null;
  commands: Array<{ text: string }>;
  touchesRunningGateway: boolean;
}

function configFile(profile: string): string {
  return path.join(home, `.openclaw-${profile}`, 'openclaw.json');
}

/**
 * Edits a profile's config file as an operator would by hand (the gateway watches it and applies what it can live):
 * `openclaw config set` takes 5-20 s a call on a loaded host, so the setup writes files and only the operator's fix uses the CLI.
 */
function editConfig(profile: string, edit: (config: Record<string, any>) => void): void {
  const file = configFile(profile);
  const config = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, any>) : {};
  edit(config);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(config, null, 2)}\n`);
}

function statusOf(name: string) {
  const status = clawdoc(home, [...PROBE, 'status', '--all-profiles', '--json']).json;
  return status.profiles.find((profile: { name: string }) => profile.name === name).gateway as { state: string; pid: number | null; port: number };
}

function planOf() {
  const run = clawdoc(home, [...PROBE, 'fix', '--json']);
  expect(jsonSchemaErrors(run.json)).toEqual([]);
  return run;
}

function stepsOf(steps: Step[]) {
  return steps.map((step) => [step.kind, step.profile, step.commands.map((command) => command.text)]);
}

function apply(extra: string[] = []) {
  const run = clawdoc(home, [...PROBE, 'fix', '--apply', '--yes', ...extra, '--openclaw', openclawExecutable(home), '--json'], { timeoutMs: 400_000 });
  expect(jsonSchemaErrors(run.json)).toEqual([]);
  return run;
}

function doctorClean(): void {
  const doctor = clawdoc(home, [...PROBE, 'doctor', '--all-profiles', '--json']);
  expect(doctor.json.findings.filter((finding: { severity: string }) => finding.severity !== 'info')).toEqual([]);
  expect(doctor.code).toBe(0);
}

async function until(what: string, check: () => boolean, ms = 90_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/**
 * A loopback Telegram Bot API (OpenClaw's `channels.telegram.apiRoot`): each profile gets its own root path, so the stub
 * knows which gateway polls with which token. Records `<root> <token> <method>`; getUpdates long-polls for a second.
 */
function telegramStub(port: number): Promise<{ seen: Set<string>; close(): Promise<void> }> {
  const seen = new Set<string>();
  const timers = new Set<NodeJS.Timeout>();
  const server = http.createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      const [, root, bot, method] = (request.url ?? '').split('?')[0]!.split('/');
      seen.add(`${root} ${bot?.replace(/^bot/, '')} ${method}`);
      const reply = (result: unknown) => {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ ok: true, result }));
      };
      if (method === 'getUpdates') {
        const timer = setTimeout(() => {
          timers.delete(timer);
          reply([]);
        }, 1000);
        timers.add(timer);
      } else if (method === 'getMe') reply({ id: 1, is_bot: true, first_name: 'stub', username: 'stub_bot' });
      else if (method === 'getMyCommands') reply([]);
      else reply(true);
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () =>
      resolve({
        seen,
        close: () =>
          new Promise<void>((done) => {
            for (const timer of timers) clearTimeout(timer);
            server.closeAllConnections();
            server.close(() => done());
          }),
      }),
    );
  });
}

beforeAll(async () => {
  assertInstalled();
  home = makeHome();
  // gateway.mode=local: clawdoc starts rescue again as `openclaw --profile rescue gateway` (no --allow-unconfigured).
  editConfig('main', (config) => (config.gateway = { port: MAIN_PORT, mode: 'local' }));
  editConfig('rescue', (config) => (config.gateway = { port: RESCUE_PORT, mode: 'local' }));
  [main, rescue] = await Promise.all([
    startGateway(home, { profile: 'main', port: MAIN_PORT }),
    startGateway(home, { profile: 'rescue', port: IN_MAIN_BAND, portFlag: true }),
  ]);
  // The plan keeps healthy gateways first: plan only once clawdoc sees both running and healthy.
  await until('both gateways running', () => ['main', 'rescue'].every((name) => statusOf(name).state === 'running'));
});

afterAll(async () => {
  await Promise.all([...startedByFix].map(stopPid));
  await stopAllGateways();
  removeHomes();
});

function appliedOf(run: { json: any; stdout: string; stderr: string }) {
  return expect(
    run.json.applied.map((step: { id: string; status: string }) => `${step.id} ${step.status}`),
    run.stdout + run.stderr,
  );
}

// The cases share one home and run in order: main runs untouched through all of them, rescue is moved once by the fix.
describe('clawdoc fix on conflicts between two running gateways', () => {
  it('a gateway started with --port inside main’s band is stopped and started again on its configured port; main keeps its pid', { timeout: 500_000 }, () => {
    const plan = planOf();
    expect(stepsOf(plan.json.steps)).toEqual([['restart-unmanaged', 'rescue', [`kill ${rescue.pid}`, 'openclaw --profile rescue gateway --bind loopback']]]);
    expect(plan.code).toBe(1);

    const run = apply(['--restart-unmanaged']);
    const moved = statusOf('rescue');
    if (moved.pid !== null) startedByFix.add(moved.pid);
    appliedOf(run).toEqual(['s1 done']);
    expect(run.json.after).toEqual([]);
    expect(run.code).toBe(0);
    expect(moved).toMatchObject({ state: 'running', port: RESCUE_MOVED });
    expect(moved.pid).not.toBe(rescue.pid);
    expect(statusOf('main')).toMatchObject({ state: 'running', pid: main.pid, port: MAIN_PORT });
    doctorClean();
  });

  it('an explicit cdpPort in main’s band moves into rescue’s own band, live: no restart, same pids', async () => {
    const rescuePid = statusOf('rescue').pid;
    editConfig('rescue', (config) => (config.browser = { profiles: { work: { cdpPort: IN_MAIN_BAND } } }));
    const plan = planOf();
    // Rescue's control port is 34002: control+9 (34011) is the port OpenClaw gives its implicit `openclaw` browser profile, `work` takes the next.
    expect(stepsOf(plan.json.steps)).toEqual([['config', 'rescue', ['openclaw --profile rescue config set browser.profiles.work.cdpPort 34012']]]);
    expect(plan.json.steps[0].touchesRunningGateway).toBe(true);
    expect(plan.json.changes).toMatchObject([{ profile: 'rescue', restart: false, cdpPorts: { work: 34012 } }]);
    expect(plan.code).toBe(1);
    // doctor's own fix for the finding says the same: the cdpPort, not the base port, and no restart.
    const doctor = clawdoc(home, [...PROBE, 'doctor', '--all-profiles', '--json']);
    expect(
      doctor.json.findings
        .filter((finding: { severity: string }) => finding.severity !== 'info')
        .map((finding: { checkId: string; profile: string; fix?: { commands: string[] } }) => [finding.checkId, finding.profile, finding.fix?.commands]),
    ).toEqual([['ports/band-overlap', 'rescue', ['openclaw --profile rescue config set browser.profiles.work.cdpPort 34012']]]);

    const run = apply();
    appliedOf(run).toEqual(['s1 done']);
    expect(run.json.after).toEqual([]);
    expect(run.code).toBe(0);
    // The running gateway took the new port without a restart: its hot reload says so in the log of the start clawdoc made.
    const logs = path.join(home, '.openclaw-rescue', 'logs');
    const log = path.join(
      logs,
      fs.readdirSync(logs).find((name) => name.startsWith('clawdoc-start-'))!,
    );
    await until('rescue’s hot reload of the cdpPort', () => fs.readFileSync(log, 'utf8').includes('config hot reload applied (browser.profiles.work.cdpPort)'));
    expect(statusOf('rescue')).toMatchObject({ state: 'running', pid: rescuePid, port: RESCUE_MOVED });
    expect(statusOf('main')).toMatchObject({ state: 'running', pid: main.pid, port: MAIN_PORT });
    doctorClean();
  });

  it('one Telegram bot token in both: a manual step (a new token cannot be made here), applied live with no restart', { timeout: 300_000 }, async () => {
    const stub = await telegramStub(TELEGRAM_API_PORT);
    try {
      for (const profile of ['main', 'rescue']) {
        editConfig(
          profile,
          (config) => (config.channels = { telegram: { apiRoot: `http://127.0.0.1:${TELEGRAM_API_PORT}/${profile}`, botToken: SHARED_TOKEN } }),
        );
      }
      // Both gateways really poll with the one token (applied live: OPENCLAW.md section 10).
      await until('both gateways polling the shared token', () =>
        ['main', 'rescue'].every((profile) => stub.seen.has(`${profile} ${SHARED_TOKEN} getUpdates`)),
      );
      const pids = { main: statusOf('main').pid, rescue: statusOf('rescue').pid };
      expect(pids.main).toBe(main.pid);

      const plan = planOf();
      expect(plan.json.steps).toEqual([]);
      expect(plan.json.manual.map((item: { checkId: string; severity: string }) => [item.checkId, item.severity])).toEqual([
        ['channels/shared-credential', 'error'],
      ]);
      expect(plan.code).toBe(1);
      // Which of two healthy gateways gives up the token depends on what the probes saw: the manual step names it.
      const moving = plan.json.manual[0].profile as string;
      expect(['main', 'rescue']).toContain(moving);
      const doctor = clawdoc(home, [...PROBE, 'doctor', '--all-profiles', '--json']);
      const finding = doctor.json.findings.find((candidate: { checkId: string }) => candidate.checkId === 'channels/shared-credential');
      expect(finding.fix.commands).toEqual([`openclaw --profile ${moving} config set channels.telegram.botToken '<new-telegram-credential>'`]);
      expect(JSON.stringify(doctor.json)).not.toContain(SHARED_TOKEN);
      expect(doctor.code).toBe(1);

      // What the operator does with the new bot's token: the printed command with it, nothing else.
      const set = openclaw(home, ['--profile', moving, 'config', 'set', 'channels.telegram.botToken', OWN_TOKEN]);
      expect(set.code, set.stderr).toBe(0);
      await until(`${moving} polling its own token`, () => stub.seen.has(`${moving} ${OWN_TOKEN} getUpdates`));
      expect(statusOf('main')).toMatchObject({ state: 'running', pid: pids.main });
      expect(statusOf('rescue')).toMatchObject({ state: 'running', pid: pids.rescue });
      doctorClean();
    } finally {
      await stub.close();
    }
  });
});
