// probeCdp: /json/version first, /json/list only on a proven CDP port; fakes and a real Chromium (hostile ones: hostile.test.ts).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { probeCdp } from '../../src/probe/cdp.js';
import { boundedGet } from '../../src/probe/http.js';
import { CDP_VERSION as VERSION, closeServers, freePort, httpServer } from './servers.js';
import { headlessChromiumArgs } from '../e2e/chromium.js';

const TIMEOUT = 400;
const CHROMIUM = '/usr/bin/chromium';
afterEach(closeServers);

describe('probeCdp on fakes', () => {
  it("a port answering /json/version with HTML (a gateway's UI) neither hangs nor throws: the chrome-remote-interface trap", async () => {
    let listed = false;
    const port = await httpServer((request, response) => {
      if (request.url === '/json/list') listed = true;
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end('<!doctype html><html><title>OpenClaw Control</title></html>');
    });
    const started = Date.now();
    const probe = await probeCdp('127.0.0.1', port, TIMEOUT);
    expect(Date.now() - started).toBeLessThan(TIMEOUT + 1000);
    expect(probe).toMatchObject({ isCdp: false, browser: null, tabs: null, version: { outcome: 'ok', status: 200, json: null } });
    expect(listed).toBe(false);
  });

  it('JSON without CDP fields is not CDP', async () => {
    const port = await httpServer((_request, response) => response.end('{"ok":true}'));
    expect(await probeCdp('127.0.0.1', port, TIMEOUT)).toMatchObject({ isCdp: false, tabs: null, detail: '/json/version answered ok 200 without CDP fields' });
  });

  it('counts page targets only', async () => {
    const port = await httpServer((request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify(request.url === '/json/version' ? VERSION : [{ type: 'page' }, { type: 'browser_ui' }, { type: 'page' }, { type: 'service_worker' }]),
      );
    });
    // The list is read by a child process (chrome-remote-interface, bounded there): a loaded machine needs its start-up time.
    expect(await probeCdp('127.0.0.1', port, 5000)).toMatchObject({
      isCdp: true,
      browser: 'Chrome/156.0.8078.79',
      protocolVersion: '1.3',
      tabs: 2,
      detail: null,
    });
  });

  it("a target list that never answers is cut by the probe's own timeout", async () => {
    const port = await httpServer((request, response) => {
      if (request.url === '/json/version') response.end(JSON.stringify(VERSION));
    });
    const started = Date.now();
    const probe = await probeCdp('127.0.0.1', port, TIMEOUT);
    expect(Date.now() - started).toBeLessThan(TIMEOUT + 1000);
    expect(probe).toMatchObject({ isCdp: true, tabs: null });
    expect(probe.detail).toMatch(/^the target list did not answer within \d+ ms$/);
  });

  it('a target list that is an HTTP error is reported, not thrown', async () => {
    const port = await httpServer((request, response) => {
      if (request.url === '/json/version') return response.end(JSON.stringify(VERSION));
      response.writeHead(500);
      response.end('no');
    });
    expect(await probeCdp('127.0.0.1', port, 5000)).toMatchObject({ isCdp: true, tabs: null, detail: 'the target list failed: the browser answered an error' });
  });

  it('a target list that is not JSON, or JSON but no list, is reported, not thrown', async () => {
    for (const [body, detail] of [
      ['<html>no</html>', 'the target list is not readable JSON'],
      ['{"type":"page"}', 'the target list is not a JSON list'],
    ]) {
      const port = await httpServer((request, response) => response.end(request.url === '/json/version' ? JSON.stringify(VERSION) : body));
      expect(await probeCdp('127.0.0.1', port, 5000)).toMatchObject({ isCdp: true, tabs: null, detail });
    }
  });

  it("a target list without end ends the reader child at its heap limit: clawdoc's own memory does not grow", async () => {
    const chunk = Buffer.from('{"type":"page","url":"about:blank"},'.repeat(30_000));
    const port = await httpServer((request, response) => {
      if (request.url === '/json/version') return response.end(JSON.stringify(VERSION));
      response.write('[');
      const pump = () => {
        while (!response.destroyed && response.write(chunk));
        if (!response.destroyed) response.once('drain', pump);
      };
      pump();
    });
    const before = process.memoryUsage().rss;
    const probe = await probeCdp('127.0.0.1', port, 15_000);
    expect(probe).toMatchObject({ isCdp: true, tabs: null });
    // The reader either dies at its heap limit or its library gives up on the string: never clawdoc.
    expect(probe.detail).toMatch(/^(the target list could not be read \(failed \((killed by SIG[A-Z]+|exit \d+)\)\)|the target list is not readable JSON)$/);
    expect(process.memoryUsage().rss - before).toBeLessThan(64 * 1024 * 1024);
  });
});

describe.skipIf(!existsSync(CHROMIUM))('probeCdp on a real headless Chromium', () => {
  let chromium: ChildProcess;
  let port: number;
  let userDataDir: string;

  beforeAll(async () => {
    port = await freePort();
    userDataDir = mkdtempSync(path.join(os.tmpdir(), 'clawdoc-chromium-'));
    chromium = spawn(
      CHROMIUM,
      headlessChromiumArgs(port, userDataDir),
      // Its own process group: the browser's helper processes (network service, zygotes) end with it.
      { stdio: 'ignore', detached: true },
    );
    const deadline = Date.now() + 20_000;
    while ((await boundedGet('127.0.0.1', port, '/json/version', 1000)).outcome !== 'ok') {
      if (Date.now() > deadline) throw new Error('Chromium did not open its debugging port within 20 s');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }, 30_000);

  afterAll(async () => {
    if (chromium?.pid !== undefined && chromium.exitCode === null) {
      const exited = new Promise((resolve) => chromium.once('exit', resolve));
      process.kill(-chromium.pid, 'SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
      if (chromium.exitCode === null && chromium.signalCode === null) process.kill(-chromium.pid, 'SIGKILL');
    }
    rmSync(userDataDir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
  });

  it('is CDP, names its browser and counts its about:blank tab', async () => {
    const probe = await probeCdp('127.0.0.1', port, 3000);
    expect(probe).toMatchObject({ isCdp: true, protocolVersion: '1.3', detail: null });
    expect(probe.browser).toMatch(/^(Headless)?Chrome\/\d+/);
    expect(probe.tabs).toBeGreaterThanOrEqual(1);
  });

  it('is not reachable on ::1 (Chromium listens on 127.0.0.1 only)', async () => {
    expect((await probeCdp('::1', port, 1000)).version.outcome).toBe('refused');
  });
});
