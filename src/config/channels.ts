// Channel settings that must not be shared between gateways: webhook ports and credentials.
import { createHash, randomBytes } from 'node:crypto';
import type { CredentialFingerprint, WebhookEntry } from '../model.js';
import { getPath } from './validate.js';
import { isPortNumber } from '../ports/port-number.js';

interface WebhookRule {
  channel: string;
  /** Key whose presence turns webhook mode on. */
  enabledBy: string;
  portKey: string;
  defaultPort: number;
  hostKey: string | null;
  defaultHost: string;
}

// Fixed defaults, not derived from the gateway port: two profiles in webhook mode collide (OPENCLAW.md section 3).
// Keys and defaults from the 2026.9.6 docs (channels/telegram.md, channels/msteams, channels/nextcloud-talk.md).
const WEBHOOK_RULES: readonly WebhookRule[] = [
  {
    channel: 'telegram',
    enabledBy: 'channels.telegram.webhookUrl',
    portKey: 'channels.telegram.webhookPort',
    defaultPort: 8787,
    hostKey: 'channels.telegram.webhookHost',
    defaultHost: '127.0.0.1',
  },
  { channel: 'msteams', enabledBy: 'channels.msteams', portKey: 'channels.msteams.webhook.port', defaultPort: 3978, hostKey: null, defaultHost: '0.0.0.0' },
  {
    channel: 'nextcloud-talk',
    enabledBy: 'channels.nextcloud-talk',
    portKey: 'channels.nextcloud-talk.webhookPort',
    defaultPort: 8788,
    hostKey: 'channels.nextcloud-talk.webhookHost',
    defaultHost: '0.0.0.0',
  },
];

/** The fixed default webhook ports of all channels: a suggested new port must avoid them. */
export const WEBHOOK_DEFAULT_PORTS: ReadonlySet<number> = new Set(WEBHOOK_RULES.map((rule) => rule.defaultPort));

/** Config keys that hold a channel credential one gateway at a time may use. */
const CREDENTIAL_KEYS: readonly string[] = [
  'channels.telegram.botToken',
  'channels.discord.token',
  'channels.slack.botToken',
  'channels.slack.appToken',
  'channels.msteams.appPassword',
  'channels.nextcloud-talk.botSecret',
  'channels.nextcloud-talk.apiPassword',
  'channels.matrix.accessToken',
  'channels.mattermost.botToken',
  'channels.googlechat.serviceAccount',
];

export function channelWebhooks(config: Record<string, unknown> | null): WebhookEntry[] {
  const webhooks: WebhookEntry[] = [];
  for (const rule of WEBHOOK_RULES) {
    const enabled = getPath(config, rule.enabledBy);
    if (enabled === undefined || enabled === null || enabled === false || enabled === '') continue;
    if (getPath(config, rule.enabledBy.replace(/\.[^.]+$/, '.enabled')) === false) continue;
    const configured = getPath(config, rule.portKey);
    // Port 0 asks the OS for an ephemeral port: nothing fixed to collide on.
    if (configured === 0) continue;
    const host = rule.hostKey ? getPath(config, rule.hostKey) : undefined;
    const bind = typeof host === 'string' && host.trim() !== '' ? host : rule.defaultHost;
    webhooks.push(
      isPortNumber(configured)
        ? { channel: rule.channel, port: configured, source: rule.portKey, portKey: rule.portKey, bind }
        : { channel: rule.channel, port: rule.defaultPort, source: `${rule.channel} webhook default ${rule.defaultPort}`, portKey: rule.portKey, bind },
    );
  }
  return webhooks;
}

// A per-run salt: fingerprints compare credentials within one run and mean nothing outside it.
const RUN_SALT = randomBytes(16);

function fingerprintSecret(value: string): string {
  return createHash('sha256').update(RUN_SALT).update(value).digest('hex').slice(0, 16);
}

export function channelCredentials(config: Record<string, unknown> | null): CredentialFingerprint[] {
  const credentials: CredentialFingerprint[] = [];
  for (const key of CREDENTIAL_KEYS) {
    const value = getPath(config, key);
    if (typeof value !== 'string' || value.trim() === '') continue;
    credentials.push({ channel: key.split('.')[1]!, path: key, fingerprint: fingerprintSecret(value.trim()) });
  }
  return credentials;
}
