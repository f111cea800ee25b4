// probeGateway against fakes and hostile listeners: isOpenClaw only from a challenge, /startupz or the control UI.
import { afterEach, describe, expect, it } from 'vitest';
import { probeGateway, versionOfBuild } from '../../src/probe/gateway.js';
import { closeServers, fakeGateway, HOSTILE, HOSTILE_OUTCOME, raw, REAL_CHALLENGE, acceptFor, textFrame, type HostileKind } from './servers.js';

const TIMEOUT = 400;
afterEach(closeServers);

const HEALTHZ = { '/healthz': { body: '{"ok":true,"status":"live"}' } };
const BUILD = '2026.9.6-release-eb377ac59e6c-2026-09-23T16-33-12.144Z-314f5d';

describe('probeGateway on hostile listeners', () => {
  it.each(Object.keys(HOSTILE) as HostileKind[])('%s: ends in bounded time, not OpenClaw', async (kind) => {
    const port = await HOSTILE[kind]();
    const started = Date.now();
    const probe = await probeGateway('127.0.0.1', port, TIMEOUT);
    expect(Date.now() - started).toBeLessThan(TIMEOUT + 1000);
    expect([probe.healthz.outcome, probe.healthz.status]).toEqual(HOSTILE_OUTCOME[kind]);
    expect([probe.wsChallenge, probe.isOpenClaw, probe.evidence, probe.version]).toEqual([false, false, [], null]);
  });
});

describe('probeGateway on fake gateways', () => {
  it('a fake that answers /healthz like a gateway but sends no challenge is NOT OpenClaw', async () => {
    const { port } = await fakeGateway({ routes: HEALTHZ });
    const probe = await probeGateway('127.0.0.1', port, TIMEOUT);
    expect(probe).toMatchObject({
      healthz: { outcome: 'ok', status: 200, json: { ok: true, status: 'live' } },
      wsChallenge: false,
      wsDetail: 'the upgrade was answered with HTTP 426',
      isOpenClaw: false,
      evidence: [],
      version: null,
    });
  });

  it('a gateway that sends the measured connect.challenge frame is OpenClaw, and gets no credential', async () => {
    const { port, received } = await fakeGateway({ routes: HEALTHZ, firstFrame: textFrame(REAL_CHALLENGE) });
    const probe = await probeGateway('127.0.0.1', port, TIMEOUT);
    expect(probe).toMatchObject({ wsChallenge: true, wsDetail: 'connect.challenge event on upgrade', isOpenClaw: true, evidence: ['connect.challenge event on upgrade'], version: null });
    const sent = Buffer.concat(received).toString('latin1');
    expect(sent).toContain('Upgrade: websocket');
    expect(sent).not.toMatch(/authorization|token|cookie/i);
    // Nothing but HTTP requests and the handshake: no WebSocket frame was sent (a client frame would start 0x8_ and be masked).
    expect(sent.split('\r\n\r\n').filter((part) => part !== '' && !part.startsWith('GET '))).toEqual([]);
  });

  it('a challenge frame dribbled byte by byte after the 101 is still read', async () => {
    const port = await raw((socket) => {
      socket.once('data', (chunk) => {
        const key = /sec-websocket-key: (\S+)/i.exec(chunk.toString('latin1'))?.[1];
        if (!key) return socket.end('HTTP/1.1 404 Not Found\r\ncontent-length: 0\r\n\r\n');
        socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${acceptFor(key)}\r\n\r\n`);
        const frame = textFrame(REAL_CHALLENGE);
        let index = 0;
        const timer = setInterval(() => (index < frame.length && !socket.destroyed ? socket.write(frame.subarray(index, (index += 20))) : clearInterval(timer)), 5);
      });
    });
    const probe = await probeGateway('127.0.0.1', port, 1000);
    expect([probe.wsChallenge, probe.isOpenClaw]).toEqual([true, true]);
  });

  it.each([
    ['a 101 with the wrong accept key', { badAccept: true, firstFrame: textFrame(REAL_CHALLENGE) }, 'the 101 does not carry the Sec-WebSocket-Accept of our key'],
    ['a challenge without a nonce', { firstFrame: textFrame('{"type":"event","event":"connect.challenge","payload":{}}') }, 'the first frame is not a connect.challenge event'],
    ['another event first', { firstFrame: textFrame('{"type":"event","event":"tick","payload":{"nonce":"n"}}') }, 'the first frame is not a connect.challenge event'],
    ['a binary frame', { firstFrame: Buffer.concat([Buffer.from([0x82, REAL_CHALLENGE.length & 0x7f]), Buffer.from(REAL_CHALLENGE).subarray(0, REAL_CHALLENGE.length & 0x7f)]) }, 'the first frame is not one unmasked text frame (opcode 2)'],
  ])('%s is not a challenge', async (_name, spec, detail) => {
    const { port } = await fakeGateway({ routes: HEALTHZ, ...spec });
    const probe = await probeGateway('127.0.0.1', port, TIMEOUT);
    expect([probe.wsChallenge, probe.wsDetail, probe.isOpenClaw]).toEqual([false, detail, false]);
  });

  it('/startupz and the control UI give the version without credentials, and count as evidence', async () => {
    const { port } = await fakeGateway({
      routes: {
        ...HEALTHZ,
        '/startupz': { body: '{"ok":false,"status":"starting","version":"2026.9.6","uptimeMs":997}' },
        '/': { type: 'text/html', body: `<!doctype html>\n<html data-openclaw-control-ui-build-id="${BUILD}" lang="en"><head><title>OpenClaw Control</title></head></html>` },
        '/__openclaw__/a2ui/': { status: 401, body: '{"error":{"message":"Unauthorized","type":"unauthorized"}}' },
      },
    });
    const probe = await probeGateway('127.0.0.1', port, TIMEOUT);
    expect(probe).toMatchObject({
      startupz: { outcome: 'ok', json: { status: 'starting', version: '2026.9.6' } },
      canvas: { outcome: 'http-error', status: 401 },
      controlUi: { outcome: 'ok', status: 200 },
      controlUiBuild: BUILD,
      isOpenClaw: true,
      evidence: ['/startupz reports version 2026.9.6', `GET / is the OpenClaw control UI (build ${BUILD})`],
      version: '2026.9.6',
    });
  });

  it('the control UI alone gives the version from its build id', async () => {
    const { port } = await fakeGateway({ routes: { '/': { type: 'text/html', body: `<html data-openclaw-control-ui-build-id="${BUILD}"><title>OpenClaw Control</title></html>` } } });
    expect(await probeGateway('127.0.0.1', port, TIMEOUT)).toMatchObject({ isOpenClaw: true, version: '2026.9.6' });
  });
});

describe('versionOfBuild', () => {
  it.each([
    [BUILD, '2026.9.6'],
    ['2026.10.1-beta.2-release-abc', '2026.10.1-beta.2'],
    ['2026.9.6', '2026.9.6'],
    ['2026.9.6+local', '2026.9.6'],
    ['dev-build', null],
  ])('%s -> %s', (build, version) => {
    expect(versionOfBuild(build)).toBe(version);
  });
});
