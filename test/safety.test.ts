// Never print a secret, never send a token to a port, never change anything on disk.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fixtureHome, runCli } from './support/runtime.js';

const SECRETS = {
  gatewayToken: 'gw-token-PLANTED-7f3a9c',
  gatewayPassword: 'gw-password-PLANTED-51bd',
  telegram: '987654321:AAplantedTELEGRAMsecretVALUE00000000x',
  urlPassword: 'url-pass-PLANTED-c0ffee',
  envToken: 'env-token-PLANTED-a11ce',
};

const homes: string[] = [];
const servers: net.Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
  for (const home of homes.splice(0)) fs.rmSync(home, { recursive: true, force: true });
});

function write(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

/** A home whose configs, includes, services and env hold unique secrets in every place a secret can be. */
function secretHome(port = 19789): string {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'clawdoc-secrets-'));
  homes.push(home);
  write(
    path.join(home, '.openclaw-main', 'openclaw.json'),
    JSON.stringify({
      gateway: { port: 18789, auth: { mode: 'token', token: SECRETS.gatewayToken } },
      channels: { telegram: { botToken: SECRETS.telegram } },
      browser: { cdpUrl: `http://admin:${SECRETS.urlPassword}@127.0.0.1:9222` },
    }),
  );
  write(
    path.join(home, '.openclaw-rescue', 'openclaw.json'),
    `{ $include: "./auth.json5", gateway: { port: ${port} }, channels: { telegram: { botToken: "${SECRETS.telegram}" } }, browser: { cdpUrl: "http://admin:${SECRETS.urlPassword}@localhost:9222" } }`,
  );
  write(
    path.join(home, '.openclaw-rescue', 'auth.json5'),
    `{ gateway: { auth: { mode: "password", password: "${SECRETS.gatewayPassword}", token: "\${RESCUE_TOKEN}" } } }`,
  );
  write(
    path.join(home, '.config', 'systemd', 'user', 'openclaw-gateway-rescue.service'),
    `[Service]\nExecStart=/usr/bin/node /usr/lib/node_modules/openclaw/dist/index.js gateway --port ${port} --token ${SECRETS.gatewayToken}\nEnvironment=OPENCLAW_PROFILE=rescue OPENCLAW_GATEWAY_TOKEN=${SECRETS.envToken}\n`,
  );
  return home;
}

const COMMANDS = [
  ['profiles'],
  ['profiles', '--json'],
  ['ports', '--all-profiles'],
  ['ports', '--all-profiles', '--json'],
  ['status', '--all-profiles'],
  ['status', '--all-profiles', '--json'],
  ['browser', 'status', '--all-profiles'],
  ['browser', 'status', '--all-profiles', '--json'],
  ['doctor', '--all-profiles'],
  ['doctor', '--all-profiles', '--verbose'],
  ['doctor', '--all-profiles', '--json'],
  ['--profile', 'rescue', 'doctor', '--fail-on', 'info'],
  ['doctor', '--only', 'no/such-check'],
  ['doctor', '--only', 'no/such-check', '--json'],
  ['doctor', '--all-profiles', '--format', 'sarif'],
  ['doctor', '--all-profiles', '--format', 'prometheus'],
  ['fix'],
  ['fix', '--json'],
];

function hashTree(root: string): string {
  const hash = createHash('sha256');
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      const stat = fs.lstatSync(full);
      hash.update(`${path.relative(root, full)}|${stat.mode}|${stat.size}|${stat.mtimeMs}\n`);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) hash.update(fs.readFileSync(full));
      else if (entry.isSymbolicLink()) hash.update(fs.readlinkSync(full));
    }
  };
  walk(root);
  return hash.digest('hex');
}

describe('secrets', () => {
  it.each(COMMANDS)('%s %s %s %s: no output contains a planted secret', async (...args) => {
    const home = secretHome();
    const env = { PATH: '/usr/bin:/bin', HOME: home, RESCUE_TOKEN: SECRETS.envToken };
    for (const realHost of [false, true]) {
      const run = await runCli(['--home', home, ...args], { env, realHost });
      const output = run.stdout + run.stderr;
      for (const secret of Object.values(SECRETS)) expect(output).not.toContain(secret);
      expect(output.length).toBeGreaterThan(0);
    }
  });

  it('finds the shared Telegram token without saying it', async () => {
    const home = secretHome();
    const run = await runCli(['--home', home, 'doctor', '--all-profiles', '--json'], { env: { PATH: '/usr/bin:/bin', HOME: home } });
    const finding = JSON.parse(run.stdout).findings.find((candidate: { checkId: string }) => candidate.checkId === 'channels/shared-credential');
    expect(finding.message).toBe(
      'main and rescue use the same telegram credential (channels.telegram.botToken): only one gateway at a time can use it, the other loses messages',
    );
  });

  it("never sends a token to a listener on a profile's port, even one that claims to be a healthy gateway", async () => {
    const received: Buffer[] = [];
    const server = net.createServer((socket) => {
      socket.on('data', (chunk) => {
        received.push(chunk);
        socket.end('HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 27\r\n\r\n{"ok":true,"status":"live"}');
      });
      socket.on('error', () => undefined);
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as net.AddressInfo).port;
    const home = secretHome(port);
    const env = { PATH: '/usr/bin:/bin', HOME: home, RESCUE_TOKEN: SECRETS.envToken, OPENCLAW_GATEWAY_TOKEN: SECRETS.envToken };
    for (const args of [
      ['status', '--all-profiles', '--json'],
      ['doctor', '--all-profiles', '--json'],
      ['--profile', 'rescue', 'browser', 'status', '--json'],
    ]) {
      await runCli(['--home', home, ...args], { env, realHost: true });
    }
    const bytes = Buffer.concat(received).toString('latin1');
    expect(bytes).toContain('GET /healthz');
    for (const secret of Object.values(SECRETS)) expect(bytes).not.toContain(secret);
    expect(bytes).not.toMatch(/authorization:/i);
  });
});

describe('read-only', () => {
  it.each(['healthy-main-rescue', 'stale-lock', 'systemd-port', 'broken-json5'])('%s: no command changes a byte of the home', async (name) => {
    const home = fixtureHome(name);
    const before = hashTree(home);
    for (const args of COMMANDS) await runCli(['--home', home, ...args], { env: { PATH: '/usr/bin:/bin', HOME: home }, realHost: true });
    expect(hashTree(home)).toBe(before);
  });

  it('leaves a live home with locks and secrets unchanged too', async () => {
    const home = secretHome();
    write(
      path.join(home, '.openclaw-rescue', 'tmp', 'openclaw-1000', 'gateway.state.lock'),
      JSON.stringify({ pid: 999999999, port: 19789, configPath: 'x', createdAt: 'y' }),
    );
    const before = hashTree(home);
    for (const args of COMMANDS) await runCli(['--home', home, ...args], { env: { PATH: '/usr/bin:/bin', HOME: home }, realHost: true });
    expect(hashTree(home)).toBe(before);
  });
});
