import { describe, expect, it } from 'vitest';
import check from '../../../checks/profiles/discovery.js';
import { model, runCheck } from '../../support/model-builder.js';
import { checkIdOf } from '../../support/check-id.js';

describe(checkIdOf(import.meta.url), () => {
  it('has the id of its path', () => expect(check.id).toBe(checkIdOf(import.meta.url)));

  it('offers the exact rename for a state dir whose name is not a valid profile', () => {
    const context = model()
      .profile('main', { port: 18789 })
      .note({ kind: 'invalid-profile-dir', path: '/home/op/.openclaw-my bot', message: '"my bot" is not a valid OpenClaw profile name' })
      .context();
    expect(runCheck(check, context)).toEqual([
      {
        checkId: 'profiles/discovery',
        severity: 'warning',
        profile: null,
        message: '"my bot" is not a valid OpenClaw profile name',
        fixHint: 'Rename it to a valid profile name; OpenClaw ignores it as it is.',
        fix: { commands: ["mv '/home/op/.openclaw-my bot' /home/op/.openclaw-my-bot"] },
        evidence: { kind: 'invalid-profile-dir', path: '/home/op/.openclaw-my bot' },
      },
    ]);
  });

  it('stays silent when discovery saw nothing odd', () => {
    expect(runCheck(check, model().profile('main', { port: 18789 }).context())).toEqual([]);
  });
});
