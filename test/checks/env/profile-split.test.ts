import { describe, expect, it } from 'vitest';
import check from '../../../checks/env/profile-split.js';
import { model, runCheck } from '../../support/model-builder.js';
import { checkIdOf } from '../../support/check-id.js';

describe(checkIdOf(import.meta.url), () => {
  it('has the id of its path', () => expect(check.id).toBe(checkIdOf(import.meta.url)));

  it('fires for OPENCLAW_PROFILE without OPENCLAW_STATE_DIR: the split identity', () => {
    const context = model().env({ OPENCLAW_PROFILE: 'rescue' }).profile('default', { port: 18789, envSelected: true, envProfileName: 'rescue' }).context();
    expect(runCheck(check, context)).toEqual([
      {
        checkId: 'env/profile-split',
        severity: 'warning',
        profile: 'default',
        message: 'OPENCLAW_PROFILE=rescue is set without OPENCLAW_STATE_DIR: plain `openclaw` commands here use the state and config of /home/op/.openclaw, but the port, service name and workspace of "rescue"',
        fixHint: 'Only the --profile flag moves state and config. Unset the variable and say `openclaw --profile rescue`.',
        fix: { commands: ['unset OPENCLAW_PROFILE', 'openclaw --profile rescue status'] },
        evidence: { OPENCLAW_PROFILE: 'rescue', stateDir: '/home/op/.openclaw', profiles: ['default'] },
      },
    ]);
  });

  it('fires for a shell port that every profile would use, and for a service whose profile disagrees with its state dir', () => {
    const context = model()
      .env({ OPENCLAW_GATEWAY_PORT: '19789' })
      .profile('main', { port: 18789, services: [{ env: { OPENCLAW_PROFILE: 'rescue', OPENCLAW_STATE_DIR: '/home/op/.openclaw-main' } }] })
      .context();
    expect(runCheck(check, context).map((finding) => [finding.profile, finding.message])).toEqual([
      [null, 'OPENCLAW_GATEWAY_PORT=19789 is set in this shell: every openclaw command from it, for every profile, talks to that port'],
      ['main', 'openclaw-gateway-main.service sets OPENCLAW_PROFILE=rescue but runs on main\'s state dir /home/op/.openclaw-main: the two disagree on port, service name and workspace'],
    ]);
  });

  it('stays silent for a clean shell and consistent services', () => {
    expect(runCheck(check, model().profile('main', { port: 18789, services: [{ env: { OPENCLAW_PROFILE: 'main' } }] }).profile('rescue', { port: 19789 }).context())).toEqual([]);
  });
});
