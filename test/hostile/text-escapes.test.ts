// Hostile strings from dir names, configs, units, process titles and a fake CDP reach the text report as visible escapes, and JSON as they are.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../support/runtime.js';

const ESC = '\x1b';
// What must never reach a terminal raw: C0 (but the renderer's own newlines), DEL, C1, zero-width, separators, bidi.
const RAW = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2066-\u2069]/u;

const homes: string[] = [];
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
  for (const home of homes.splice(0)) fs.rmSync(home, { recursive: true, force: true });
});

function put(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

function makeHome(): string {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'clawdoc-escapes-'));
  homes.push(home);
  return home;
}

/** True when some string in `value` (keys included) contains `needle`. */
function holds(value: unknown, needle: string): boolean {
  if (typeof value === 'string') return value.includes(needle);
  if (value === null || typeof value !== 'object') return false;
  return Object.entries(value).some(([key, field]) => key.includes(needle) || holds(field, needle));
}

async function text(home: string, args: string[], realHost = false): Promise<string> {
  const run = await runCli(['--home', home, '--layout', '2026.9', '--timeout', '500', ...args], { env: { PATH: '/usr/bin:/bin', HOME: home }, realHost });
  return run.stdout + run.stderr;
}

async function json(home: string, args: string[], realHost = false): Promise<unknown> {
  const run = await runCli(['--home', home, '--layout', '2026.9', '--timeout', '500', ...args, '--json'], {
    env: { PATH: '/usr/bin:/bin', HOME: home },
    realHost,
  });
  return JSON.parse(run.stdout);
}

describe('text output of a home with escape sequences in its names and values', () => {
  const WORKSPACE = `ws-${ESC}[2J\u202eevil\u009b`;
  const DIR = `.openclaw-${ESC}[31mred`;
  const CONFIG = `cfg${ESC}]0;pwned\u0007.json`;

  function hostileHome(): string {
    const home = makeHome();
    put(
      path.join(home, '.openclaw-main', 'openclaw.json'),
      JSON.stringify({ gateway: { port: 18789 }, agents: { defaults: { workspace: path.join(home, WORKSPACE) } } }),
    );
    fs.mkdirSync(path.join(home, DIR));
    put(path.join(home, '.openclaw-rescue', 'openclaw.json'), JSON.stringify({ gateway: { port: 19789 } }));
    put(
      path.join(home, '.config', 'systemd', 'user', 'openclaw-gateway-rescue.service'),
      [
        '[Service]',
        'ExecStart=/usr/bin/openclaw gateway',
        `Environment=OPENCLAW_PROFILE=rescue OPENCLAW_STATE_DIR=${home}/.openclaw-rescue`,
        `Environment=OPENCLAW_CONFIG_PATH=${home}/.openclaw-rescue/${CONFIG}`,
        '',
      ].join('\n'),
    );
    return home;
  }

  it('shows every hostile character as an escape in profiles, doctor, ports and status', async () => {
    const home = hostileHome();
    const profiles = await text(home, ['profiles']);
    expect(profiles).toContain('~/ws-\\x1b[2J\\u202eevil\\x9b');
    expect(profiles).toContain('~/.openclaw-\\x1b[31mred');
    expect(profiles).toContain('cfg\\x1b]0;pwned\\x07.json');
    for (const args of [['profiles'], ['doctor', '--all-profiles', '--verbose'], ['ports', '--all-profiles'], ['status', '--all-profiles']]) {
      const output = await text(home, args);
      expect(output, args.join(' ')).not.toMatch(RAW);
    }
  });

  it('keeps the raw values in JSON', async () => {
    const home = hostileHome();
    const profiles = await json(home, ['profiles']);
    expect(holds(profiles, WORKSPACE)).toBe(true);
    expect(holds(profiles, DIR)).toBe(true);
    expect(holds(profiles, CONFIG)).toBe(true);
    expect(holds(await json(home, ['doctor', '--all-profiles']), WORKSPACE)).toBe(true);
  });
});

describe('text output of a host whose listener and CDP answer with escape sequences', () => {
  const TITLE = `evil${ESC}[2J\u202etitle`;
  const BROWSER = `Chrome${ESC}]8;;http://x${ESC}\\/1\u2028\u2066`;

  async function freePort(): Promise<number> {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as net.AddressInfo;
    await new Promise((resolve) => server.close(resolve));
    return port;
  }

  /** A process titled TITLE that holds `ports` on loopback and answers /json/version with BROWSER as its Browser. */
  async function hostileListener(ports: number[]): Promise<void> {
    const script = `
      process.title = ${JSON.stringify(TITLE)};
      const http = require('node:http');
      const body = JSON.stringify({ Browser: ${JSON.stringify(BROWSER)}, 'Protocol-Version': '1.3', webSocketDebuggerUrl: 'ws://127.0.0.1/devtools/browser/x' });
      let ready = 0;
      for (const port of ${JSON.stringify(ports)}) {
        http.createServer((request, response) => { response.setHeader('content-type', 'application/json'); response.end(request.url === '/json/version' ? body : '[]'); })
          .listen(port, '127.0.0.1', () => { if (++ready === ${ports.length}) process.stdout.write('ready\\n'); });
      }`;
    const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    children.push(child);
    await new Promise<void>((resolve, reject) => {
      child.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && resolve());
      child.once('exit', () => reject(new Error('the hostile listener exited')));
    });
  }

  it('shows the process title and the Browser field as escapes in status, browser status and doctor', async () => {
    const [gatewayPort, cdpPort] = [await freePort(), await freePort()];
    const home = makeHome();
    put(
      path.join(home, '.openclaw-main', 'openclaw.json'),
      JSON.stringify({ gateway: { port: gatewayPort }, browser: { profiles: { work: { cdpPort, color: '#00AA00' } } } }),
    );
    await hostileListener([gatewayPort, cdpPort]);
    const browser = await text(home, ['browser', 'status'], true);
    expect(browser).toContain('Chrome\\x1b]8;;http://x\\x1b\\/1\\u2028\\u2066');
    expect(browser).not.toMatch(RAW);
    const status = await text(home, ['status'], true);
    expect(status).toContain('\\x1b[2J\\u202e');
    expect(status).not.toMatch(RAW);
    expect(await text(home, ['doctor', '--verbose'], true)).not.toMatch(RAW);
    const report = await json(home, ['browser', 'status'], true);
    expect(holds(report, BROWSER)).toBe(true);
    expect(holds(await json(home, ['status'], true), '\u202etitle')).toBe(true);
  });
});
