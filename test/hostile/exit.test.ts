// The built executable ends when its report is written: within --deadline against silent ports, and with exit 2 (never 1, never a stack) when it cannot write or run.
import { spawn, type StdioOptions } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fixtureHome, ROOT } from '../support/runtime.js';
import { ensureBuilt } from './built-cli.js';

const BIN = path.join(ROOT, 'bin', 'clawdoc.js');
// A run that has not ended by then is held open by something; the bound is loose because 6 test runs share 2 cores.
const MARGIN_MS = 2500;

beforeAll(ensureBuilt, 120_000);

const dirs: string[] = [];
const servers: net.Server[] = [];
const sockets: net.Socket[] = [];
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy();
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}

interface Exit {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Still running when the bound passed, then killed. */
  hung: boolean;
}

/** Runs `file args` asynchronously (the silent listeners live in this process) and kills it if it outlives `boundMs`. */
function run(file: string, args: string[], options: { cwd?: string; stdio?: StdioOptions; boundMs?: number } = {}): Promise<Exit> {
  return new Promise((resolve) => {
    const child = spawn(file, args, { cwd: options.cwd ?? ROOT, env: { PATH: process.env.PATH, HOME: os.tmpdir() }, stdio: options.stdio ?? 'pipe' });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    let hung = false;
    const timer = setTimeout(() => {
      hung = true;
      child.kill('SIGKILL');
    }, options.boundMs ?? 20_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, hung });
    });
  });
}

const clawdoc = (args: string[], options: Parameters<typeof run>[2] = {}) => run(process.execPath, [BIN, ...args], options);
/** `script` under bash with $BIN and $NODE set, for redirections a spawn cannot express (closed fds, removed cwd). */
const shell = (script: string, args: string[] = []) =>
  run('bash', ['-c', `NODE=${JSON.stringify(process.execPath)} BIN=${JSON.stringify(BIN)}; ${script}`, 'bash', ...args]);

/** A listener that accepts every connection and never answers. */
async function silentListener(): Promise<number> {
  const server = net.createServer((socket) => {
    sockets.push(socket);
    socket.on('error', () => undefined);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as net.AddressInfo).port;
}

function homeWithGateways(ports: readonly number[]): string {
  const home = tempDir('clawdoc-silent-');
  ports.forEach((port, index) => {
    const dir = path.join(home, `.openclaw-p${index}`);
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'openclaw.json'), JSON.stringify({ gateway: { port } }));
  });
  return home;
}

/** No stack trace: no `    at ` frames, no `node:internal`, and at most one line. */
function expectOneLine(stderr: string): void {
  expect(stderr).not.toMatch(/^\s+at /m);
  expect(stderr).not.toContain('node:internal');
  expect(stderr.trim().split('\n')).toHaveLength(1);
}

describe('the executable ends when its report is written', () => {
  it('exits within --deadline when 111 planned ports accept and never answer', async () => {
    const ports = await Promise.all(Array.from({ length: 111 }, silentListener));
    const home = homeWithGateways(ports);
    const result = await clawdoc(['--home', home, '--deadline', '1000', '--timeout', '300', 'status', '--all-profiles', '--json'], {
      boundMs: 1000 + MARGIN_MS,
    });
    expect(result.hung).toBe(false);
    const report = JSON.parse(result.stdout) as { deadlineHit: boolean; profiles: unknown[] };
    expect(report.profiles).toHaveLength(111);
    expect(result.code).toBe(0);
  });

  it('exits within the probe timeout when a gateway port is a tarpit', async () => {
    const home = homeWithGateways([await silentListener()]);
    const result = await clawdoc(['--home', home, '--timeout', '300', 'doctor', '--all-profiles', '--json'], { boundMs: 300 + MARGIN_MS });
    expect(result.hung).toBe(false);
    expect(JSON.parse(result.stdout)).toMatchObject({ command: 'doctor' });
  });
});

describe('exit codes when the run cannot write or cannot start', () => {
  it('exits 2 with one line when stdout is full (ENOSPC), in text and JSON', async () => {
    for (const args of [['checks'], ['checks', '--json'], ['--home', fixtureHome('duplicate-port'), 'doctor', '--all-profiles']]) {
      const full = fs.openSync('/dev/full', 'w');
      const result = await clawdoc(args, { stdio: ['ignore', full, 'pipe'] });
      fs.closeSync(full);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toContain('ENOSPC');
      expectOneLine(result.stderr);
    }
  });

  it('exits 2 with one line, or a JSON error envelope, when its working dir was removed', async () => {
    const text = await shell('cd "$1" && rmdir "$1" && exec "$NODE" "$BIN" checks', [tempDir('clawdoc-gone-')]);
    expect(text.code).toBe(2);
    expect(text.stdout).toBe('');
    expect(text.stderr).toContain('the current directory no longer exists');
    expectOneLine(text.stderr);
    const json = await shell('cd "$1" && rmdir "$1" && exec "$NODE" "$BIN" checks --json', [tempDir('clawdoc-gone-')]);
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, command: 'checks', error: { code: 'internal' } });
    expect(json.stderr).toBe('');
  });

  it('with stderr closed: a usage error still exits 2 (its envelope on stdout under --json), a healthy run keeps its code', async () => {
    const usage = await shell('exec "$NODE" "$BIN" --json --no-such-flag checks 2>&-');
    expect(usage.code).toBe(2);
    expect(JSON.parse(usage.stdout)).toMatchObject({ ok: false, error: { code: 'usage' } });
    const healthy = await shell('exec "$NODE" "$BIN" checks 2>&-');
    expect(healthy.code).toBe(0);
    expect(healthy.stdout).toContain('ports/duplicate-gateway');
    const findings = await shell('exec "$NODE" "$BIN" --home "$1" doctor --all-profiles 2>&-', [fixtureHome('duplicate-port')]);
    expect(findings.code).toBe(1);
  });

  it('ends quietly with the run’s own code when the reader of stdout has gone (EPIPE)', async () => {
    // `true` exits before clawdoc writes, so the whole report meets a closed pipe.
    const result = await shell('"$NODE" "$BIN" --home "$1" doctor --all-profiles | true; exit "${PIPESTATUS[0]}"', [fixtureHome('duplicate-port')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('');
    const head = await shell('"$NODE" "$BIN" --home "$1" doctor --all-profiles | head -1; exit "${PIPESTATUS[0]}"', [fixtureHome('duplicate-port')]);
    expect(head.code).toBe(1);
    expect(head.stdout.trim().split('\n')).toHaveLength(1);
  });
});
