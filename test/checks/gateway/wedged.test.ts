import { describe, expect, it } from 'vitest';
import check from '../../../checks/gateway/wedged.js';
import { healthyMainRescue, model, runCheck } from '../../support/model-builder.js';
import { checkIdOf } from '../../support/check-id.js';

const LOCK = '/home/op/.openclaw-rescue/tmp/openclaw-1000/gateway.state.lock';
// The builder's snapshot is taken at 2026-11-25T00:00:00Z.
const TWO_MINUTES_BEFORE = '2026-11-24T23:58:00.000Z';

describe(checkIdOf(import.meta.url), () => {
  it('has the id of its path', () => expect(check.id).toBe(checkIdOf(import.meta.url)));

  it('fires for a pid that has held the lock for two minutes and listens nowhere: stop it first, then start the service', () => {
    const context = model()
      .profile('rescue', { port: 19789, services: [{}] })
      .lock('rescue', { pid: 4300, port: 19789, alive: true, createdAt: TWO_MINUTES_BEFORE })
      .context();
    expect(runCheck(check, context)).toEqual([
      {
        checkId: 'gateway/wedged',
        severity: 'warning',
        profile: 'rescue',
        profiles: ['rescue'],
        message:
          'rescue\'s gateway is wedged: pid 4300 took the lock 120s ago and still listens nowhere (port 19789); while it holds the lock, starting rescue fails with "another OpenClaw process owns gateway-lifecycle"',
        fixHint: 'Stop pid 4300 first (SIGTERM; SIGKILL if it is still there after a few seconds), then start it through its service.',
        fix: { commands: ['kill 4300', 'systemctl --user start openclaw-gateway-rescue.service'] },
        evidence: { pid: 4300, port: 19789, locks: [LOCK], detail: 'pid 4300 took the lock 120s ago and still listens nowhere' },
      },
    ]);
  });

  it('says how to start a hand-started gateway again after stopping it', () => {
    const context = model().profile('rescue', { port: 19789 }).lock('rescue', { pid: 4300, port: 19789, alive: true, createdAt: TWO_MINUTES_BEFORE }).context();
    const [finding] = runCheck(check, context);
    expect([finding?.fixHint, finding?.fix?.commands]).toEqual([
      'Stop pid 4300 first (SIGTERM; SIGKILL if it is still there after a few seconds), then start it again with `openclaw --profile rescue gateway`.',
      ['kill 4300'],
    ]);
  });

  it('stays silent for a gateway in its startup window, for a running one, and for a dead pid (gateway/stale-lock)', () => {
    const starting = model().profile('rescue', { port: 19789 }).lock('rescue', { pid: 4300, port: 19789, alive: true }).context();
    expect(starting.live.profiles.rescue!.gateway.state).toBe('starting');
    expect(runCheck(check, starting)).toEqual([]);
    expect(runCheck(check, healthyMainRescue().context())).toEqual([]);
    const dead = model().profile('rescue', { port: 19789 }).lock('rescue', { pid: 4300, port: 19789, createdAt: TWO_MINUTES_BEFORE }).context();
    expect(runCheck(check, dead)).toEqual([]);
  });
});
