import { describe, expect, it } from 'vitest';
import check from '../../../checks/channels/shared-credential.js';
import { healthyMainRescue, model, runCheck } from '../../support/model-builder.js';
import { checkIdOf } from '../../support/check-id.js';

const token = (fingerprint: string, path = 'channels.telegram.botToken', channel = 'telegram') => [{ channel, path, fingerprint }];

describe(checkIdOf(import.meta.url), () => {
  it('has the id of its path', () => expect(check.id).toBe(checkIdOf(import.meta.url)));

  it('fires for one Telegram bot token in two profiles, without the value or its fingerprint', () => {
    const context = model()
      .profile('main', { port: 18789, credentials: token('9f1c2b7a'), services: [{}] })
      .profile('rescue', { port: 19789, credentials: token('9f1c2b7a'), services: [{}] })
      .gateway('main', 18789, 4100)
      .context();
    const findings = runCheck(check, context);
    expect(findings).toEqual([
      {
        checkId: 'channels/shared-credential',
        severity: 'error',
        profile: 'rescue',
        message:
          'rescue and main use the same telegram credential (channels.telegram.botToken): only one gateway at a time can use it, the other loses messages',
        path: 'channels.telegram.botToken',
        fixHint:
          "Create a separate telegram bot or credential for rescue and set it as rescue's channels.telegram.botToken (replace <new-telegram-credential>; keep it out of shell history, e.g. with a leading space or a ${VAR} reference).",
        fix: { commands: ["openclaw --profile rescue config set channels.telegram.botToken '<new-telegram-credential>'"] },
        profiles: ['main', 'rescue'],
        evidence: { channel: 'telegram', keys: { main: 'channels.telegram.botToken', rescue: 'channels.telegram.botToken' } },
      },
    ]);
    expect(JSON.stringify(findings)).not.toContain('9f1c2b7a');
  });

  it('changes the stopped profile, and a running one without a restart (credentials apply live)', () => {
    const stopped = model()
      .profile('alpha', { port: 18789, credentials: token('f1') })
      .profile('zulu', { port: 19789, credentials: token('f1') })
      .gateway('zulu', 19789, 4200)
      .context();
    expect(runCheck(check, stopped).map((finding) => [finding.profile, finding.fix?.commands])).toEqual([
      ['alpha', ["openclaw --profile alpha config set channels.telegram.botToken '<new-telegram-credential>'"]],
    ]);
    const both = model()
      .profile('main', { port: 18789, credentials: token('f1', 'channels.discord.token', 'discord') })
      .profile('rescue', { port: 19789, credentials: token('f1', 'channels.discord.token', 'discord'), services: [{}] })
      .gateway('main', 18789, 4100)
      .gateway('rescue', 19789, 4200)
      .context();
    expect(runCheck(check, both).map((finding) => finding.fix?.commands)).toEqual([
      ["openclaw --profile rescue config set channels.discord.token '<new-discord-credential>'"],
    ]);
  });

  it('stays silent on the healthy main + rescue host, each with its own bot', () => {
    expect(runCheck(check, healthyMainRescue().context())).toEqual([]);
    expect(
      runCheck(
        check,
        model()
          .profile('main', { port: 18789, credentials: token('f1') })
          .profile('rescue', { port: 19789, credentials: token('f2') })
          .context(),
      ),
    ).toEqual([]);
  });
});
