import { describe, expect, it } from 'vitest';
import check from '../../../checks/ports/hash-default.js';
import { model, runCheck } from '../../support/model-builder.js';
import { checkIdOf } from '../../support/check-id.js';

describe(checkIdOf(import.meta.url), () => {
  it('has the id of its path', () => expect(check.id).toBe(checkIdOf(import.meta.url)));

  it('warns and pins the port in use when nothing collides', () => {
    const context = model().profile('default', { port: 18789, portSource: 'default' }).profile('main', { port: 23592, portSource: 'profile-hash' }).context();
    expect(runCheck(check, context)).toEqual([
      {
        checkId: 'ports/hash-default',
        severity: 'warning',
        profile: 'main',
        profiles: ['main'],
        message: 'main has no gateway.port: its port 23592 comes from a hash of the name, changes if the profile is renamed, and can land near another profile',
        path: 'gateway.port',
        fixHint: 'Pin the port it uses today, so it stays put: gateway.port 23592.',
        fix: { commands: ['openclaw --profile main config set gateway.port 23592'] },
        evidence: { port: 23592, source: 'profile-hash', rule: '20000 + fnv1a32(name) % 40000', collides: false },
      },
    ]);
  });

  it('moves one of two colliding hash profiles and pins the other, so the fixes agree', () => {
    const context = model()
      .profile('main', { port: 23592, portSource: 'profile-hash' })
      .profile('rescue', { port: 23532, portSource: 'profile-hash' })
      .context();
    expect(runCheck(check, context)).toEqual([
      {
        checkId: 'ports/hash-default',
        severity: 'error',
        profile: 'rescue',
        profiles: ['rescue'],
        message: "rescue has no gateway.port and its name hashes to 23532, where its ports meet main's",
        path: 'gateway.port',
        fixHint: 'Pin rescue to a free base port, 18789.',
        fix: { commands: ['openclaw --profile rescue config set gateway.port 18789', 'openclaw --profile rescue gateway restart'] },
        evidence: { port: 23532, source: 'profile-hash', rule: '20000 + fnv1a32(name) % 40000', collides: true, suggestedPort: 18789 },
      },
      {
        checkId: 'ports/hash-default',
        severity: 'warning',
        profile: 'main',
        profiles: ['main'],
        message: "main has no gateway.port and its name hashes to 23592, where its ports meet rescue's",
        path: 'gateway.port',
        fixHint: 'Pin the port it uses today, so it stays put: gateway.port 23592.',
        fix: { commands: ['openclaw --profile main config set gateway.port 23592'] },
        evidence: { port: 23592, source: 'profile-hash', rule: '20000 + fnv1a32(name) % 40000', collides: true },
      },
    ]);
  });

  it('stays silent for pinned ports and the default profile', () => {
    expect(runCheck(check, model().profile('default', { port: 18789, portSource: 'default' }).profile('rescue', { port: 19789 }).context())).toEqual([]);
  });

  it('stays silent when gateway.port is set but OpenClaw ignores it (config/invalid says why)', () => {
    const problems = [{ severity: 'error' as const, path: 'gateway.port', message: 'is a string, not a number' }];
    expect(runCheck(check, model().profile('rescue', { port: 23532, portSource: 'profile-hash', problems }).context())).toEqual([]);
  });
});
