import { describe, expect, it } from 'vitest';
import check from '../../../checks/ports/webhook-collision.js';
import { model, runCheck } from '../../support/model-builder.js';
import { checkIdOf } from '../../support/check-id.js';

const telegram = { channel: 'telegram', port: 8787, source: 'telegram webhook default 8787', portKey: 'channels.telegram.webhookPort', bind: '127.0.0.1' };

describe(checkIdOf(import.meta.url), () => {
  it('has the id of its path', () => expect(check.id).toBe(checkIdOf(import.meta.url)));

  it('fires for two profiles on the fixed Telegram webhook default and suggests a port clear of other defaults', () => {
    const context = model()
      .profile('main', { port: 18789, webhooks: [telegram] })
      .profile('rescue', { port: 19789, webhooks: [telegram] })
      .context();
    expect(runCheck(check, context)).toEqual([
      {
        checkId: 'ports/webhook-collision',
        severity: 'error',
        profile: 'rescue',
        message: "rescue's telegram webhook and main's telegram webhook both listen on port 8787",
        path: 'channels.telegram.webhookPort',
        fixHint: "Give rescue's telegram webhook its own port (and update the public webhook URL that forwards to it).",
        fix: { commands: ['openclaw --profile rescue config set channels.telegram.webhookPort 8797'] },
        profiles: ['main', 'rescue'],
        evidence: { port: 8787, sources: { rescue: 'telegram webhook default 8787', main: 'telegram webhook default 8787' }, suggestedPort: 8797 },
      },
    ]);
  });

  it('stays silent for one profile in webhook mode', () => {
    expect(
      runCheck(
        check,
        model()
          .profile('main', { port: 18789, webhooks: [telegram] })
          .profile('rescue', { port: 19789 })
          .context(),
      ),
    ).toEqual([]);
  });
});
