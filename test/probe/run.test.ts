// runProbes: all probes concurrently, one global deadline, partial results kept, never rejects.
import { afterEach, describe, expect, it } from 'vitest';
import { runProbes } from '../../src/probe/run.js';
import { CDP_VERSION, closeServers, fakeGateway, HOSTILE, httpServer, REAL_CHALLENGE, textFrame } from './servers.js';

afterEach(closeServers);

describe('runProbes', () => {
  it('the deadline ends pending probes as timeouts and keeps what finished', async () => {
    const silent = await HOSTILE.silent();
    const answering = await httpServer((_request, response) => response.end('Unauthorized'));
    const started = Date.now();
    const result = await runProbes(
      { gateways: [{ host: '127.0.0.1', port: silent }], cdp: [{ host: '127.0.0.1', port: silent }], control: [{ host: '127.0.0.1', port: answering }] },
      { timeoutMs: 5000, deadlineMs: 300 },
    );
    expect(Date.now() - started).toBeLessThan(1300);
    expect(result.deadlineHit).toBe(true);
    expect(result.gateways[`127.0.0.1:${silent}`]).toMatchObject({
      healthz: { outcome: 'timeout', detail: "the run's deadline ended this probe" },
      isOpenClaw: false,
      wsChallenge: null,
    });
    expect(result.cdp[`127.0.0.1:${silent}`]).toMatchObject({ version: { outcome: 'timeout' }, isCdp: false });
    expect(result.control[`127.0.0.1:${answering}`]?.root).toMatchObject({ outcome: 'ok', status: 200 });
  });

  it('runs probes concurrently: 40 silent ports cost about two timeouts, not forty', async () => {
    const ports = await Promise.all(Array.from({ length: 40 }, () => HOSTILE.silent()));
    const started = Date.now();
    const result = await runProbes(
      { gateways: [], cdp: [], control: ports.map((port) => ({ host: '127.0.0.1', port })) },
      { timeoutMs: 300, deadlineMs: 10_000 },
    );
    expect(Date.now() - started).toBeLessThan(300 * 2 + 1000);
    expect(result.deadlineHit).toBe(false);
    expect(Object.values(result.control).map((probe) => probe.root.outcome)).toEqual(Array(40).fill('timeout'));
  });

  it('keys results by host:port and reports a real challenge', async () => {
    const { port } = await fakeGateway({ routes: { '/healthz': { body: '{"ok":true,"status":"live"}' } }, firstFrame: textFrame(REAL_CHALLENGE) });
    const result = await runProbes({ gateways: [{ host: '127.0.0.1', port }], cdp: [], control: [] }, { timeoutMs: 400, deadlineMs: 5000 });
    expect(Object.keys(result.gateways)).toEqual([`127.0.0.1:${port}`]);
    expect(result.gateways[`127.0.0.1:${port}`]?.isOpenClaw).toBe(true);
    expect(result.deadlineHit).toBe(false);
  });

  it('counts the tabs of every port that proved CDP, and only theirs; a list the deadline cuts says so', async () => {
    const browser = (pages: number) =>
      httpServer((request, response) =>
        response.end(JSON.stringify(request.url === '/json/version' ? CDP_VERSION : Array.from({ length: pages }, () => ({ type: 'page' })))),
      );
    const [one, three] = await Promise.all([browser(1), browser(3)]);
    let listed = false;
    const notCdp = await httpServer((request, response) => {
      if (request.url === '/json/list') listed = true;
      response.end('{"ok":true}');
    });
    const cdp = [one, three, notCdp].map((port) => ({ host: '127.0.0.1', port }));
    const round = await runProbes({ gateways: [], cdp, control: [] }, { timeoutMs: 10_000, deadlineMs: 20_000 });
    expect([one, three, notCdp].map((port) => round.cdp[`127.0.0.1:${port}`]!.tabs)).toEqual([1, 3, null]);
    expect(listed).toBe(false);

    const stuck = await httpServer((request, response) => {
      if (request.url === '/json/version') response.end(JSON.stringify(CDP_VERSION));
    });
    const cut = await runProbes({ gateways: [], cdp: [{ host: '127.0.0.1', port: stuck }], control: [] }, { timeoutMs: 10_000, deadlineMs: 1500 });
    expect(cut.deadlineHit).toBe(true);
    expect(cut.cdp[`127.0.0.1:${stuck}`]).toMatchObject({ isCdp: true, tabs: null, detail: "the run's deadline ended this probe" });
  });

  it('no targets: an empty round at once', async () => {
    expect(await runProbes({ gateways: [], cdp: [], control: [] }, { timeoutMs: 100, deadlineMs: 100 })).toEqual({
      gateways: {},
      cdp: {},
      control: {},
      deadlineHit: false,
    });
  });
});
