import { describe, expect, it } from 'vitest';
import check from '../../../checks/gateway/stale-lock.js';
import { model, runCheck } from '../../support/model-builder.js';
import { checkIdOf } from '../../support/check-id.js';

const LOCK = '/home/op/.openclaw-rescue/tmp/openclaw-1000/gateway.state.lock';

describe(checkIdOf(import.meta.url), () => {
  it('has the id of its path', () => expect(check.id).toBe(checkIdOf(import.meta.url)));

  it('offers to remove a lock whose pid is dead', () => {
    const context = model().profile('rescue', { port: 19789 }).lock('rescue', { pid: 99999, port: 19789, alive: false }).context();
    expect(runCheck(check, context)).toEqual([
      {
        checkId: 'gateway/stale-lock',
        severity: 'warning',
        profile: 'rescue',
        profiles: ['rescue'],
        message: `rescue's lock ${LOCK} is stale: pid 99999 is not running`,
        fixHint: 'No process holds it: remove the file (a gateway cleans it up on a clean shutdown; this one did not).',
        fix: { commands: [`rm ${LOCK}`] },
        evidence: { file: LOCK, state: 'stale', pid: 99999, port: 19789, location: 'state-dir', reason: 'pid 99999 is not running' },
      },
    ]);
  });

  it('offers to remove a lock it cannot read, since no pid can be holding it', () => {
    const context = model().profile('rescue', { port: 19789 }).lock('rescue', { problem: 'not JSON: Unexpected end of JSON input' }).context();
    expect(runCheck(check, context)).toEqual([
      {
        checkId: 'gateway/stale-lock',
        severity: 'warning',
        profile: 'rescue',
        profiles: ['rescue'],
        message: `rescue's lock ${LOCK} is unreadable: not JSON: Unexpected end of JSON input`,
        fixHint: 'No process holds it: remove the file (a gateway cleans it up on a clean shutdown; this one did not).',
        fix: { commands: [`rm ${LOCK}`] },
        evidence: { file: LOCK, state: 'unreadable', pid: null, port: null, location: 'state-dir', reason: 'not JSON: Unexpected end of JSON input' },
      },
    ]);
  });

  it('never offers to remove the lock of a live pid that listens elsewhere', () => {
    const context = model()
      .profile('rescue', { port: 19789 })
      .listener(19889, { pid: 4300, name: 'openclaw-gateway' })
      .lock('rescue', { pid: 4300, port: 19789, alive: true })
      .context();
    const [finding] = runCheck(check, context);
    expect(finding?.message).toBe(`rescue's lock ${LOCK} records port 19789, but pid 4300 is running but listens on 19889, not 19789`);
    expect(finding?.fix?.commands).toEqual(['openclaw --profile rescue gateway status']);
  });

  it('treats a pid reused by another program as stale', () => {
    const context = model()
      .profile('rescue', { port: 19789 })
      .listener(5432, { pid: 4300, name: 'postgres' })
      .lock('rescue', { pid: 4300, port: 19789, alive: true })
      .context();
    expect(runCheck(check, context)[0]?.evidence.reason).toBe('pid 4300 is now postgres, not a gateway (the pid was reused)');
  });

  it('stays silent for the lock of a running gateway', () => {
    expect(runCheck(check, model().profile('rescue', { port: 19789 }).gateway('rescue', 19789, 4300).context())).toEqual([]);
  });
});
