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

/** Keys, under `channels.<channel>` and each `channels.<channel>.accounts.<id>`, that hold a credential one gateway at a time may use. */
const CREDENTIAL_KEYS: Readonly<Record<string, readonly string[]>> = {
  telegram: ['botToken'],
  discord: ['token'],
  slack: ['botToken', 'appToken'],
  msteams: ['appPassword'],
  'nextcloud-talk': ['botSecret', 'apiPassword'],
  matrix: ['accessToken'],
  mattermost: ['botToken'],
  googlechat: ['serviceAccount'],
};

// Keys that name a file or dir holding the credential: compared by real path, never read (telegram.md `tokenFile`,
// whatsapp.md `authDir`, the linked-device session).
const CREDENTIAL_PATH_KEYS: Readonly<Record<string, readonly string[]>> = {
  telegram: ['tokenFile'],
  discord: ['tokenFile'],
  whatsapp: ['authDir'],
};

/** Each place a channel's settings live: the channel root, then every `accounts.<id>`. */
function channelScopes(config: Record<string, unknown> | null, channel: string): Array<{ prefix: string; scope: Record<string, unknown> }> {
  const root = getPath(config, `channels.${channel}`);
  if (!root || typeof root !== 'object' || Array.isArray(root)) return [];
  const scopes = [{ prefix: `channels.${channel}`, scope: root as Record<string, unknown> }];
  const accounts = (root as Record<string, unknown>).accounts;
  if (accounts && typeof accounts === 'object' && !Array.isArray(accounts)) {
    for (const [id, account] of Object.entries(accounts)) {
      if (account && typeof account === 'object' && !Array.isArray(account))
        scopes.push({ prefix: `channels.${channel}.accounts.${id}`, scope: account as Record<string, unknown> });
    }
  }
  return scopes;
}

/** The rule's keys under one account (`channels.telegram.accounts.work.webhookPort`). */
function underAccount(key: string, channel: string, prefix: string): string {
  return key.replace(`channels.${channel}`, prefix);
}

export function channelWebhooks(config: Record<string, unknown> | null): WebhookEntry[] {
  const webhooks: WebhookEntry[] = [];
  for (const rule of WEBHOOK_RULES) {
    const root = `channels.${rule.channel}`;
    const rootEnabled = getPath(config, `${root}.enabled`) !== false;
    for (const { prefix } of channelScopes(config, rule.channel)) {
      const isRoot = prefix === root;
      const key = (name: string) => (isRoot ? name : underAccount(name, rule.channel, prefix));
      const enabled = getPath(config, key(rule.enabledBy));
      if (enabled === undefined || enabled === null || enabled === false || enabled === '') continue;
      if (!rootEnabled || getPath(config, `${prefix}.enabled`) === false) continue;
      // An account's unset port or host falls back to the channel root's, then to the default.
      const portKey = getPath(config, key(rule.portKey)) !== undefined ? key(rule.portKey) : rule.portKey;
      const configured = getPath(config, portKey);
      // Port 0 asks the OS for an ephemeral port: nothing fixed to collide on.
      if (configured === 0) continue;
      const hostKey = rule.hostKey ? (getPath(config, key(rule.hostKey)) !== undefined ? key(rule.hostKey) : rule.hostKey) : null;
      const host = hostKey ? getPath(config, hostKey) : undefined;
      const bind = typeof host === 'string' && host.trim() !== '' ? host : rule.defaultHost;
      const channel = isRoot ? rule.channel : `${rule.channel}:${prefix.slice(prefix.lastIndexOf('.') + 1)}`;
      webhooks.push(
        isPortNumber(configured)
          ? { channel, port: configured, source: portKey, portKey: key(rule.portKey), bind }
          : { channel, port: rule.defaultPort, source: `${rule.channel} webhook default ${rule.defaultPort}`, portKey: key(rule.portKey), bind },
      );
    }
  }
  return webhooks;
}

// A per-run salt: fingerprints compare credentials within one run and mean nothing outside it.
const RUN_SALT = randomBytes(16);

function fingerprintSecret(value: string): string {
  return createHash('sha256').update(RUN_SALT).update(value).digest('hex').slice(0, 16);
}

/**
 * Fingerprints of every channel credential of an enabled channel, at the channel root and per account. `realPath`
 * turns a configured file or dir into the real path it names (a token file is compared by where it is, not read).
 */
export function channelCredentials(config: Record<string, unknown> | null, realPath: (file: string) => string = (file) => file): CredentialFingerprint[] {
  const credentials: CredentialFingerprint[] = [];
  const channels = [...new Set([...Object.keys(CREDENTIAL_KEYS), ...Object.keys(CREDENTIAL_PATH_KEYS)])];
  for (const channel of channels) {
    // A disabled channel or account does not use its credential (measured, 2026.9.6: `channels.telegram.enabled: false`
    // makes no Bot API call; setting it true starts polling live), as a disabled webhook binds no port.
    if (getPath(config, `channels.${channel}.enabled`) === false) continue;
    for (const { prefix, scope } of channelScopes(config, channel)) {
      if (scope.enabled === false) continue;
      for (const name of CREDENTIAL_KEYS[channel] ?? []) {
        const value = scope[name];
        if (typeof value !== 'string' || value.trim() === '') continue;
        credentials.push({ channel, path: `${prefix}.${name}`, fingerprint: fingerprintSecret(`value:${value.trim()}`) });
      }
      for (const name of CREDENTIAL_PATH_KEYS[channel] ?? []) {
        const value = scope[name];
        if (typeof value !== 'string' || value.trim() === '') continue;
        credentials.push({ channel, path: `${prefix}.${name}`, fingerprint: fingerprintSecret(`path:${realPath(value.trim())}`) });
      }
    }
  }
  return credentials;
}
