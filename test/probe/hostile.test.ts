// The contract: every probe kind ends on every hostile listener in bounded time, and leaves no socket or timer behind.
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { boundedGet } from '../../src/probe/http.js';
import { probeGateway } from '../../src/probe/gateway.js';
import { readChallenge } from '../../src/probe/websocket.js';
import { probeBrowserControl } from '../../src/probe/control.js';
import { probeCdp } from '../../src/probe/cdp.js';
import { runProbes } from '../../src/probe/run.js';
import { closeServers, hostile, HOSTILE_KINDS, HOSTILE_OUTCOME } from './servers.js';
import { watchLeftovers } from './leftovers.js';

const TIMEOUT = 1000;
/** Scheduling slack on a loaded CI machine; a probe that waits for a server instead of its own clock blows through it. */
const MARGIN = 1000;
const HOST = '127.0.0.1';
afterEach(closeServers);

const NOTHING_LEFT = { handles: {}, timers: 0 };

async function timed<T>(work: Promise<T>): Promise<{ result: T; ms: number }> {
  const started = Date.now();
  const result = await work;
  return { result, ms: Date.now() - started };
}

describe('every probe on every hostile listener', () => {
  it.each(HOSTILE_KINDS)('%s', async (kind) => {
    const port = await hostile(kind);
    const cdpPort = await hostile(kind, { cdp: true });
    const watch = watchLeftovers();
    const [get, challenge, gateway, control, cdp, cdpList] = await Promise.all([
      timed(boundedGet(HOST, port, '/healthz', TIMEOUT)),
      timed(readChallenge(HOST, port, TIMEOUT)),
      timed(probeGateway(HOST, port, TIMEOUT)),
      timed(probeBrowserControl(HOST, port, TIMEOUT)),
      timed(probeCdp(HOST, port, TIMEOUT)),
      timed(probeCdp(HOST, cdpPort, TIMEOUT)),
    ]);
    // Measured at once, before any test server is closed: a dangling client socket would still be open here.
    expect(watch.left()).toEqual(NOTHING_LEFT);

    const times = { get: get.ms, challenge: challenge.ms, gateway: gateway.ms, control: control.ms, cdp: cdp.ms, cdpList: cdpList.ms };
    for (const [probe, ms] of Object.entries(times)) expect(ms, probe).toBeLessThan(TIMEOUT + MARGIN);

    expect([get.result.outcome, get.result.status], 'gateway HTTP').toEqual(HOSTILE_OUTCOME[kind]);
    expect(challenge.result.challenge, 'challenge').toBe(false);
    expect([gateway.result.healthz.outcome, gateway.result.healthz.status], 'gateway').toEqual(HOSTILE_OUTCOME[kind]);
    expect([gateway.result.wsChallenge, gateway.result.isOpenClaw, gateway.result.evidence, gateway.result.version], 'gateway').toEqual([
      false,
      false,
      [],
      null,
    ]);
    expect([control.result.root.outcome, control.result.root.status], 'browser control').toEqual(HOSTILE_OUTCOME[kind]);
    expect(control.result.service, 'browser control').toBe(control.result.root.status === null ? null : 'other');
    expect([cdp.result.version.outcome, cdp.result.version.status, cdp.result.isCdp, cdp.result.tabs], 'CDP /json/version').toEqual([
      ...HOSTILE_OUTCOME[kind],
      false,
      null,
    ]);
    expect([cdpList.result.isCdp, cdpList.result.tabs], 'CDP /json/list').toEqual([true, null]);
    expect(cdpList.result.detail, 'CDP /json/list').toMatch(/^the target list /);
  });

  it('the WebSocket ones are told apart from a gateway by what the challenge saw', async () => {
    const silent = await readChallenge(HOST, await hostile('wsSilent'), TIMEOUT);
    expect(silent).toEqual({ challenge: false, detail: `upgraded, but no message within ${TIMEOUT} ms` });
    const huge = await readChallenge(HOST, await hostile('wsHugeFrame'), TIMEOUT);
    expect(huge).toEqual({ challenge: false, detail: 'the first message is larger than 65536 bytes' });
  });
});

describe("the run's deadline", () => {
  it('111 silent listeners, 1 s deadline: the round returns within 2 s, keeps nothing open, and says the deadline hit', async () => {
    const ports = await Promise.all(Array.from({ length: 111 }, () => hostile('silent')));
    const targets = ports.map((port) => ({ host: HOST, port }));
    const watch = watchLeftovers();
    const { result, ms } = await timed(
      runProbes({ gateways: targets.slice(0, 37), cdp: targets.slice(37, 74), control: targets.slice(74) }, { timeoutMs: 10_000, deadlineMs: 1000 }),
    );
    expect(watch.left()).toEqual(NOTHING_LEFT);
    expect(ms).toBeLessThan(2000);
    expect(result.deadlineHit).toBe(true);
    const outcomes = [
      ...Object.values(result.gateways).map((probe) => probe.healthz),
      ...Object.values(result.cdp).map((probe) => probe.version),
      ...Object.values(result.control).map((probe) => probe.root),
    ].map((probe) => [probe.outcome, probe.detail]);
    expect(outcomes).toEqual(Array(111).fill(['timeout', "the run's deadline ended this probe"]));
  });

  it('a probe that finished before the deadline is kept, the others are cut short', async () => {
    const silent = await hostile('silent');
    const answering = await hostile('error500');
    const watch = watchLeftovers();
    const { result, ms } = await timed(
      runProbes(
        { gateways: [{ host: HOST, port: silent }], cdp: [{ host: HOST, port: silent }], control: [{ host: HOST, port: answering }] },
        { timeoutMs: 10_000, deadlineMs: 300 },
      ),
    );
    expect(watch.left()).toEqual(NOTHING_LEFT);
    expect(ms).toBeLessThan(300 + MARGIN);
    expect(result.deadlineHit).toBe(true);
    expect(result.control[`${HOST}:${answering}`]?.root).toMatchObject({ outcome: 'http-error', status: 500 });
    expect(result.gateways[`${HOST}:${silent}`]).toMatchObject({
      healthz: { outcome: 'timeout', detail: "the run's deadline ended this probe" },
      isOpenClaw: false,
      wsChallenge: null,
    });
    expect(result.cdp[`${HOST}:${silent}`]).toMatchObject({ version: { outcome: 'timeout' }, isCdp: false, tabs: null });
  });

  it('an aborted signal ends a probe at once, without a connection', async () => {
    const port = await hostile('silent');
    const controller = new AbortController();
    controller.abort();
    const { result, ms } = await timed(probeGateway(HOST, port, 10_000, controller.signal));
    expect(ms).toBeLessThan(100);
    expect(result).toMatchObject({
      healthz: { outcome: 'timeout', detail: "the run's deadline ended this probe" },
      wsChallenge: false,
      wsDetail: "the run's deadline ended this probe",
    });
  });
});

describe('the leftovers watch itself', () => {
  it('sees a socket left open and a timer left pending', async () => {
    const port = await hostile('silent');
    const watch = watchLeftovers();
    const socket = net.connect(port, HOST);
    await new Promise((resolve) => socket.once('connect', resolve));
    const timer = setTimeout(() => undefined, 10_000);
    try {
      expect(watch.left()).toMatchObject({ handles: { TCPSocketWrap: 1 }, timers: 1 });
    } finally {
      clearTimeout(timer);
      socket.destroy();
    }
  });

  it("sees why chrome-remote-interface's List runs in a child process: in-process, a deadline around it leaves its socket open", async () => {
    const port = await hostile('dribble', { cdp: true });
    const { default: CDP } = await import('chrome-remote-interface');
    const watch = watchLeftovers();
    let timer: NodeJS.Timeout | undefined;
    const listed = CDP.List({ host: HOST, port }).catch(() => 'failed');
    const outcome = await Promise.race([listed, new Promise((resolve) => (timer = setTimeout(() => resolve('deadline'), TIMEOUT)))]);
    clearTimeout(timer);
    expect(outcome).toBe('deadline');
    expect(watch.left().handles).toMatchObject({ TCPSocketWrap: 1 });
    await closeServers();
    expect(await listed).toBe('failed');
  });
});
