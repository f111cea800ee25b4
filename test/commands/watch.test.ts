// `clawdoc watch`: ticks that print only what changed, rewrite --output, re-resolve only on changed files, and stop cleanly.
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';
import type { Runtime } from '../../src/runtime.js';
import type { HostModel } from '../../src/model.js';
import type { HostSnapshot } from '../../src/host/types.js';
import { buildLiveModel } from '../../src/attribute/attribute.js';
import { observeHost } from '../../src/pipeline.js';
import { contextFor } from '../../src/commands/context.js';
import { parseInterval, runWatchCommand, type WatchFlags } from '../../src/commands/watch.js';
import { fixtureHome } from '../support/runtime.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A copy of a sample home, so a test can edit its configs between ticks. */
function homeCopy(name: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clawdoc-watch-'));
  dirs.push(dir);
  fs.cpSync(fixtureHome(name), dir, { recursive: true });
  return dir;
}

/** The host at one tick: quiet, or with a foreign process listening on main's gateway port. */
function hostAt(model: HostModel, foreignOnMain: boolean) {
  const main = model.profiles.find((profile) => profile.name === 'main')!;
  const snapshot: HostSnapshot = {
    method: 'test',
    ok: true,
    error: null,
    takenAt: '2026-11-25T00:00:00.000Z',
    listeners: foreignOnMain ? [{ address: '127.0.0.1', family: 'ipv4', port: main.gatewayPort.port, pid: 4242 }] : [],
    processes: foreignOnMain ? { 4242: { pid: 4242, ppid: 1, user: 'op', name: 'nginx', command: 'nginx: master process', argv: ['nginx'] } } : {},
    alivePids: foreignOnMain ? { 4242: true } : {},
    root: false,
  };
  return buildLiveModel(model, snapshot, { gateways: {}, cdp: {}, control: {}, deadlineHit: false });
}

interface Watched {
  stdout: string;
  stderr: string;
  exitCode: number;
  /** The model each tick observed. */
  models: HostModel[];
}

/** Runs `clawdoc watch` in process; `each(tick, model)` runs as a tick observes and says whether the foreign listener is up. */
async function watch(home: string, args: string[], each: (tick: number, model: HostModel) => boolean = () => false): Promise<Watched> {
  let stdout = '';
  let stderr = '';
  const models: HostModel[] = [];
  const runtime: Runtime = {
    out: (text) => void (stdout += text.endsWith('\n') ? text : `${text}\n`),
    err: (text) => void (stderr += text.endsWith('\n') ? text : `${text}\n`),
    env: { PATH: '/usr/bin:/bin', HOME: home, XDG_CONFIG_HOME: path.join(home, 'no-config') },
    stdoutIsTTY: false,
    uid: 1000,
    tmpDir: path.join(home, 'no-tmp'),
    platform: 'linux',
    homedir: home,
    cwd: home,
    hostname: 'testhost',
    now: () => new Date('2026-11-25T00:00:00.000Z'),
    observe: (model) => {
      models.push(model);
      return Promise.resolve(hostAt(model, each(models.length, model)));
    },
  };
  const exitCode = await main(['--home', home, '--layout', '2026.9', 'watch', '--all-profiles', '--interval', '0s', ...args], runtime);
  return { stdout, stderr, exitCode, models };
}

describe('clawdoc watch', () => {
  it('prints a finding when it appears (tick 2) and when it goes (tick 3), nothing on a quiet tick', async () => {
    const home = homeCopy('healthy-main-rescue');
    const run = await watch(home, ['--ticks', '4'], (tick) => tick === 2);
    const at = '2026-11-25T00:00:00.000Z';
    const notRunning = "info gateway/not-running (main): main's gateway is not running (nothing listens on 18789); no service is installed";
    const foreign = "error ports/foreign-listener (main): main's gateway port 18789 is held by nginx (pid 4242)";
    expect(run.stdout.split('\n').slice(3)).toEqual([`${at} + ${foreign}`, `${at} - ${notRunning}`, `${at} + ${notRunning}`, `${at} - ${foreign}`, '']);
    expect(run.stdout.split('\n').slice(0, 3)).toEqual([
      `clawdoc watch · 2 profiles · 2 findings · ${at}`,
      `+ ${notRunning}`,
      expect.stringMatching(/^\+ info gateway\/not-running \(rescue\)/),
    ]);
    expect([run.stderr, run.exitCode]).toEqual(['', 0]);
  });

  it('rewrites --output each tick with that tick’s state', async () => {
    const home = homeCopy('healthy-main-rescue');
    const file = path.join(home, 'clawdoc.prom');
    const seen: string[] = [];
    const run = await watch(home, ['--ticks', '3', '--format', 'prometheus', '--output', file], (tick) => {
      // At the start of tick n the file holds tick n-1.
      if (tick > 1) seen.push(fs.readFileSync(file, 'utf8'));
      return tick === 2;
    });
    seen.push(fs.readFileSync(file, 'utf8'));
    const foreign = 'clawdoc_findings{host="testhost",profile="main",check="ports/foreign-listener",severity="error"} 1';
    expect(seen.map((text) => text.includes(foreign))).toEqual([false, true, false]);
    expect(run.exitCode).toBe(0);
    expect(fs.readdirSync(home).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('resolves the model again only when a file it was read from changed', async () => {
    const home = homeCopy('healthy-main-rescue');
    const config = path.join(home, '.openclaw-rescue', 'openclaw.json');
    const run = await watch(home, ['--ticks', '3'], (tick) => {
      if (tick === 2) fs.writeFileSync(config, fs.readFileSync(config, 'utf8').replace('19789', '19989'));
      return false;
    });
    const rescuePort = (model: HostModel) => model.profiles.find((profile) => profile.name === 'rescue')!.gatewayPort.port;
    expect(run.models.map(rescuePort)).toEqual([19789, 19789, 19989]);
    expect(run.models[1]).toBe(run.models[0]);
    expect(run.models[2]).not.toBe(run.models[1]);
  });

  it('stops cleanly, exit 0, when its signal is aborted mid-sleep, and never overlaps ticks', async () => {
    const home = homeCopy('healthy-main-rescue');
    const controller = new AbortController();
    let running = 0;
    let overlapped = false;
    let ticks = 0;
    const runtime = {
      out: () => undefined,
      err: () => undefined,
      env: { HOME: home, XDG_CONFIG_HOME: path.join(home, 'no-config') },
      stdoutIsTTY: false,
      uid: 1000,
      tmpDir: path.join(home, 'no-tmp'),
      platform: 'linux' as const,
      homedir: home,
      cwd: home,
      hostname: 'testhost',
      now: () => new Date(),
      observe: async (model: HostModel) => {
        running += 1;
        overlapped ||= running > 1;
        await new Promise((resolve) => setTimeout(resolve, 5));
        running -= 1;
        return hostAt(model, false);
      },
    };
    const context = contextFor(runtime, { home, color: false, timeout: 1500, allProfiles: true });
    const flags: WatchFlags = { only: [], skip: [], plugin: [], interval: 60_000 };
    const code = await runWatchCommand(context, flags, {
      signal: controller.signal,
      onTick: (tick) => {
        ticks = tick;
        // As SIGINT would: while the loop sleeps after tick 2.
        if (tick === 2) setTimeout(() => controller.abort(), 10);
      },
      sleep: (_ms, signal) =>
        new Promise((resolve) => {
          if (ticks < 2 || signal.aborted) resolve();
          else signal.addEventListener('abort', () => resolve(), { once: true });
        }),
    });
    expect([code, ticks, overlapped]).toEqual([0, 2, false]);
  });

  it('refuses --json and a machine format without --output, as usage errors', async () => {
    const home = homeCopy('healthy-main-rescue');
    expect((await watch(home, ['--ticks', '1', '--format', 'sarif'])).exitCode).toBe(2);
    const json = await watch(home, ['--ticks', '1', '--json']);
    expect([json.exitCode, JSON.parse(json.stdout).error.code]).toEqual([2, 'usage']);
  });

  it('reads intervals with units', () => {
    expect(['30s', '5m', '1h', '1500ms', '0s', '2', 'soon'].map(parseInterval)).toEqual([30_000, 300_000, 3_600_000, 1500, 0, 2000, null]);
  });
});

describe('clawdoc watch on the real host', () => {
  const servers: net.Server[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
  });

  /** A free loopback port, picked by the OS and released again. */
  async function freePort(): Promise<number> {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as net.AddressInfo;
    await new Promise((resolve) => server.close(resolve));
    return port;
  }

  it('sees a listener appear on a planned gateway port in tick 2 and go in tick 3', async () => {
    const port = await freePort();
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'clawdoc-watch-real-'));
    dirs.push(home);
    fs.mkdirSync(path.join(home, '.openclaw-main'));
    fs.writeFileSync(path.join(home, '.openclaw-main', 'openclaw.json'), `{ gateway: { port: ${port} } }`);
    const server = net.createServer((socket) => socket.destroy());
    servers.push(server);
    let stdout = '';
    let tick = 0;
    const runtime: Runtime = {
      out: (text) => void (stdout += `${text}\n`),
      err: () => undefined,
      env: { PATH: '/usr/bin:/bin', HOME: home, XDG_CONFIG_HOME: path.join(home, 'no-config') },
      stdoutIsTTY: false,
      uid: process.getuid?.() ?? 0,
      tmpDir: path.join(home, 'no-tmp'),
      platform: process.platform,
      homedir: home,
      cwd: home,
      hostname: 'testhost',
      now: () => new Date('2026-11-25T00:00:00.000Z'),
      observe: async (model, options) => {
        tick += 1;
        if (tick === 2) await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
        if (tick === 3) await new Promise((resolve) => server.close(resolve));
        return observeHost(model, options);
      },
    };
    const code = await main(['--home', home, '--layout', '2026.9', '--timeout', '300', 'watch', '--all-profiles', '--interval', '0s', '--ticks', '3'], runtime);
    const changes = stdout.split('\n').filter((line) => /^\S+ [+-] /.test(line));
    const at = '2026-11-25T00:00:00.000Z';
    const notRunning = `info gateway/not-running (main): main's gateway is not running (nothing listens on ${port}); no service is installed`;
    const held = `error ports/foreign-listener (main): main's gateway port ${port} is held by `;
    expect(changes).toEqual([
      expect.stringContaining(`${at} + ${held}`),
      `${at} - ${notRunning}`,
      `${at} + ${notRunning}`,
      expect.stringContaining(`${at} - ${held}`),
    ]);
    expect(code).toBe(0);
  });
});
