import { describe, expect, it } from 'vitest';
import { channelCredentials, channelWebhooks } from '../../src/config/channels.js';

const same = (config: Record<string, unknown>, other: Record<string, unknown>, realPath?: (file: string) => string) => {
  const mine = channelCredentials(config, realPath);
  const theirs = channelCredentials(other, realPath);
  return mine.flatMap((a) => theirs.filter((b) => a.fingerprint === b.fingerprint).map((b) => [a.path, b.path]));
};

describe('channel credentials and webhooks', () => {
  it('compares account tokens with root tokens, across Telegram, Discord and Slack', () => {
    expect(
      same(
        { channels: { telegram: { accounts: { work: { botToken: 'T1' } } }, discord: { accounts: { a: { token: 'D1' } } } } },
        { channels: { telegram: { botToken: 'T1' }, discord: { token: 'D1' }, slack: { botToken: 'T1' } } },
      ),
    ).toEqual([
      ['channels.telegram.accounts.work.botToken', 'channels.telegram.botToken'],
      ['channels.telegram.accounts.work.botToken', 'channels.slack.botToken'],
      ['channels.discord.accounts.a.token', 'channels.discord.token'],
    ]);
  });

  it('leaves out credentials of a disabled channel or account: they are not in use', () => {
    expect(
      same(
        { channels: { telegram: { enabled: false, botToken: 'T1', accounts: { work: { botToken: 'T2' } } }, discord: { token: 'D1' } } },
        { channels: { telegram: { botToken: 'T1', accounts: { work: { botToken: 'T2' } } }, discord: { accounts: { a: { enabled: false, token: 'D1' } } } } },
      ),
    ).toEqual([]);
    expect(same({ channels: { telegram: { enabled: true, botToken: 'T1' } } }, { channels: { telegram: { botToken: 'T1' } } })).toEqual([
      ['channels.telegram.botToken', 'channels.telegram.botToken'],
    ]);
  });

  it('compares tokenFile and WhatsApp authDir by real path, never by contents, and never against a token value', () => {
    const realPath = (file: string) => (file === '/home/op/link-token' ? '/home/op/secrets/tg-token' : file);
    expect(
      same(
        { channels: { telegram: { tokenFile: '/home/op/link-token' }, whatsapp: { accounts: { personal: { authDir: '/home/op/wa' } } } } },
        {
          channels: {
            telegram: { accounts: { b: { tokenFile: '/home/op/secrets/tg-token' } }, botToken: '/home/op/secrets/tg-token' },
            whatsapp: { authDir: '/home/op/wa' },
          },
        },
        realPath,
      ),
    ).toEqual([
      ['channels.telegram.tokenFile', 'channels.telegram.accounts.b.tokenFile'],
      ['channels.whatsapp.accounts.personal.authDir', 'channels.whatsapp.authDir'],
    ]);
  });

  it('gives every Telegram account in webhook mode its webhook, falling back to the root port, then the default', () => {
    const config = {
      channels: {
        telegram: {
          webhookPort: 8790,
          accounts: { a: { webhookUrl: 'https://x/a' }, b: { webhookUrl: 'https://x/b', webhookPort: 8791 }, c: { botToken: 'x' } },
        },
      },
    };
    expect(channelWebhooks(config).map((webhook) => [webhook.channel, webhook.port, webhook.source, webhook.portKey])).toEqual([
      ['telegram:a', 8790, 'channels.telegram.webhookPort', 'channels.telegram.accounts.a.webhookPort'],
      ['telegram:b', 8791, 'channels.telegram.accounts.b.webhookPort', 'channels.telegram.accounts.b.webhookPort'],
    ]);
  });
});
