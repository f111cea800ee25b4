import { describe, expect, it } from 'vitest';
import { model } from '../support/model-builder.js';
import { buildLiveModel, STARTUP_WINDOW_MS } from '../../src/attribute/attribute.js';
import type { HostSnapshot } from '../../src/host/types.js';

// The builder's snapshot is taken at 2026-11-25T00:00:00Z.
const secondsBefore = (seconds: number) => new Date(Date.parse('2026-11-25T00:00:00.000Z') - seconds * 1000).toISOString();

function gatewayOf(createdAt: string | null, listen = false) {
  let builder = model().profile('rescue', { port: 19789 });
  if (listen) builder = builder.listener(19789, { pid: 4300, name: 'openclaw-gateway' });
  const live = builder.lock('rescue', { pid: 4300, port: 19789, alive: true, createdAt }).context().live.profiles.rescue!;
  return { gateway: [live.gateway.state, live.gateway.pid, live.gateway.port, live.gateway.portSource], locks: live.locks.map((lock) => lock.state) };
}

describe('startup window and wedged gateways', () => {
  it('calls a lock holder that does not listen yet starting, within the window', () => {
    expect(gatewayOf(secondsBefore(4))).toEqual({ gateway: ['starting', 4300, 19789, 'lock'], locks: ['starting'] });
    expect(gatewayOf(secondsBefore(STARTUP_WINDOW_MS / 1000))).toEqual({ gateway: ['starting', 4300, 19789, 'lock'], locks: ['starting'] });
  });

  it('calls it wedged past the window', () => {
    expect(gatewayOf(secondsBefore(STARTUP_WINDOW_MS / 1000 + 1))).toEqual({ gateway: ['wedged', 4300, 19789, 'lock'], locks: ['wedged'] });
  });

  it('keeps a lock without createdAt inconsistent (its age is unknown), and a listening holder live', () => {
    expect(gatewayOf(null).locks).toEqual(['inconsistent']);
    expect(gatewayOf(secondsBefore(600), true).locks).toEqual(['live']);
  });
});

describe('the early lock holder', () => {
  it('is starting while titled `openclaw` (2026.9.6 takes the lock before it becomes openclaw-gateway), not a reused pid', () => {
    const host = model().profile('slow', { port: 19789 }).lock('slow', { pid: 4300, port: null, alive: true }).hostModel();
    const snapshot: HostSnapshot = {
      method: 'test',
      ok: true,
      error: null,
      takenAt: '2026-11-25T00:00:00.000Z',
      listeners: [],
      processes: { 4300: { pid: 4300, ppid: 1, user: 'op', name: 'openclaw', command: 'openclaw', argv: ['openclaw'] } },
      alivePids: { 4300: true },
      root: false,
    };
    const live = buildLiveModel(host, snapshot, { gateways: {}, cdp: {}, control: {}, deadlineHit: false }).profiles.slow!;
    expect([live.gateway.state, live.gateway.port, live.locks.map((lock) => lock.state)]).toEqual(['starting', 19789, ['starting']]);
  });
});
