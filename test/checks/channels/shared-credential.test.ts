import { describe, expect, it } from 'vitest';
import check from '../../../checks/channels/shared-credential.js';
import { model, runCheck } from '../../support/model-builder.js';
import { checkIdOf } from '../../support/check-id.js';

const token = (fingerprint: string) => [{ channel: 'telegram', path: 'channels.telegram.botToken', fingerprint }];

describe(checkIdOf(import.meta.url), () => {
  it('has the id of its path', () => expect(check.id).toBe(checkIdOf(import.meta.url)));

  it('fires for one Telegram bot token in two profiles, without the value or its fingerprint', () => {
    const context = model().profile('main', { port: 18789, credentials: token('f1') }).profile('rescue', { port: 19789, credentials: token('f1') }).context();
    const findings = runCheck(check, context);
    expect(findings).toEqual([
      {
        checkId: 'channels/shared-credential',
        severity: 'error',
        profile: 'rescue',
        message: 'rescue and main use the same telegram credential (channels.telegram.botToken): only one gateway at a time can use it, the other loses messages',
        path: 'channels.telegram.botToken',
        fixHint: 'Create a separate telegram bot or credential for rescue and set it there (the value is not shown).',
        fix: { commands: ["openclaw --profile rescue config set channels.telegram.botToken '<new telegram credential>'"] },
        evidence: { profiles: ['main', 'rescue'], channel: 'telegram', keys: { main: 'channels.telegram.botToken', rescue: 'channels.telegram.botToken' } },
      },
    ]);
    expect(JSON.stringify(findings)).not.toContain('f1');
  });

  it('stays silent for different credentials', () => {
    expect(runCheck(check, model().profile('main', { port: 18789, credentials: token('f1') }).profile('rescue', { port: 19789, credentials: token('f2') }).context())).toEqual([]);
  });
});
