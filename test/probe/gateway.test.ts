// probeGateway against fake gateways: isOpenClaw only from a challenge, /startupz or the control UI (hostile ones: hostile.test.ts).
import { afterEach, describe, expect, it } from 'vitest';
import { probeGateway, versionOfBuild } from '../../src/probe/gateway.js';
import { closeServers, fakeGateway, REAL_CHALLENGE, wsGateway } from './servers.js';

const TIMEOUT = 400;
afterEach(closeServers);

const HEALTHZ = { '/healthz': { body: '{"ok":true,"status":"live"}' } };
const BUILD = '2026.9.6-release-eb377ac59e6c-2026-09-23T16-33-12.144Z-314f5d';

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

  it('a gateway that sends the measured connect.challenge is OpenClaw, and gets no credential', async () => {
    const { port, seen } = await wsGateway({ routes: HEALTHZ, onOpen: (ws) => ws.send(REAL_CHALLENGE) });
    const probe = await probeGateway('127.0.0.1', port, TIMEOUT);
    expect(probe).toMatchObject({
      wsChallenge: true,
      wsDetail: 'connect.challenge event on upgrade',
      isOpenClaw: true,
      evidence: ['connect.challenge event on upgrade'],
      version: null,
    });
    expect(seen.upgrades.flatMap((headers) => Object.keys(headers))).not.toContainEqual(expect.stringMatching(/authorization|token|cookie/i));
    expect(seen.messages).toEqual([]);
  });

  it.each([
    ['a challenge without a nonce', '{"type":"event","event":"connect.challenge","payload":{"ts":1}}'],
    ['another event first', '{"type":"event","event":"tick","payload":{"nonce":"n","ts":1}}'],
  ])('%s is not OpenClaw', async (_name, first) => {
    const { port } = await wsGateway({ routes: HEALTHZ, onOpen: (ws) => ws.send(first) });
    const probe = await probeGateway('127.0.0.1', port, TIMEOUT);
    expect([probe.wsChallenge, probe.wsDetail, probe.isOpenClaw]).toEqual([false, 'the first message is not a connect.challenge event', false]);
  });

  it('/startupz and the control UI give the version without credentials, and count as evidence', async () => {
    const { port } = await fakeGateway({
      routes: {
        ...HEALTHZ,
        '/startupz': { body: '{"ok":false,"status":"starting","version":"2026.9.6","uptimeMs":997}' },
        '/': {
          type: 'text/html',
          body: `<!doctype html>\n<html data-openclaw-control-ui-build-id="${BUILD}" lang="en"><head><title>OpenClaw Control</title></head></html>`,
        },
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
    const { port } = await fakeGateway({
      routes: { '/': { type: 'text/html', body: `<html data-openclaw-control-ui-build-id="${BUILD}"><title>OpenClaw Control</title></html>` } },
    });
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
