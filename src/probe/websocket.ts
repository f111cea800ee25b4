// The gateway's credential-free WebSocket identity check: open `ws://host:port/` with `ws`, read the first message, hang up.
import net from 'node:net';
import WebSocket from 'ws';
import { DEADLINE_DETAIL, hostForUrl, whenClosed } from './http.js';

/** The first message may be at most this large; OpenClaw's challenge is about 170 bytes. */
export const MAX_MESSAGE_BYTES = 64 * 1024;

export interface ChallengeCheck {
  /** True when the first message after the upgrade was an OpenClaw `connect.challenge` event. */
  challenge: boolean;
  /** What was seen, for evidence: why it is or is not a challenge. */
  detail: string;
}

/**
 * The gateway protocol's pre-connect challenge (docs.openclaw.ai/gateway/protocol): an event frame
 * `{"type":"event","event":"connect.challenge","payload":{"nonce":"…","ts":<ms>}}`; 2026.9.6 adds `capabilities`.
 */
export function isChallengeMessage(text: string): boolean {
  try {
    const message = JSON.parse(text) as { type?: unknown; event?: unknown; payload?: { nonce?: unknown; ts?: unknown } | null };
    return (
      message.type === 'event' &&
      message.event === 'connect.challenge' &&
      typeof message.payload?.nonce === 'string' &&
      message.payload.nonce !== '' &&
      typeof message.payload.ts === 'number' &&
      Number.isFinite(message.payload.ts)
    );
  } catch {
    return false;
  }
}

type WsError = Error & { code?: string };

function describeError(error: WsError, upgraded: boolean): string {
  if (error.code === 'ECONNREFUSED') return 'nothing accepts connections there';
  if (error.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') return `the first message is larger than ${MAX_MESSAGE_BYTES} bytes`;
  if (/Sec-WebSocket-Accept/i.test(error.message)) return 'the 101 does not carry the Sec-WebSocket-Accept of our key';
  if (error.code?.startsWith('HPE_')) return `the upgrade answer is not valid HTTP (${error.code})`;
  if (error.code === 'ECONNRESET' && !upgraded) return 'closed before the upgrade';
  // ws's own protocol errors (a masked server frame, a bad opcode, invalid UTF-8) carry a WS_ERR_ code.
  return `${upgraded ? 'upgraded, then' : 'the upgrade failed:'} ${error.code ?? error.message}`.slice(0, 200);
}

/**
 * Upgrades `/` without credentials, extensions or extra headers and judges the first message; then destroys the
 * socket without a close frame. Resolves only once the socket is closed, so nothing of the probe outlives it.
 */
export function readChallenge(host: string, port: number, timeoutMs: number, signal?: AbortSignal): Promise<ChallengeCheck> {
  if (signal?.aborted) return Promise.resolve({ challenge: false, detail: DEADLINE_DETAIL });
  return new Promise((resolve) => {
    let settled = false;
    let upgraded = false;
    let closed: Promise<void> = Promise.resolve();
    let socket: net.Socket | null = null;
    let ws: WebSocket;
    try {
      ws = new WebSocket(`ws://${hostForUrl(host)}:${port}/`, {
        maxPayload: MAX_MESSAGE_BYTES,
        // No permessage-deflate offer (no Sec-WebSocket-Extensions header), no pong, no redirect.
        perMessageDeflate: false,
        autoPong: false,
        followRedirects: false,
        // Our own connection: ws keeps its socket private, and the probe must be able to destroy it and await its close.
        createConnection: ((options: net.NetConnectOpts) => {
          socket = net.createConnection(options);
          closed = whenClosed(socket);
          return socket;
        }) as typeof net.createConnection,
      });
    } catch (error) {
      // Only an address ws cannot put in a URL gets here; nothing was opened.
      return resolve({ challenge: false, detail: `no WebSocket to ${host}:${port}: ${(error as Error).message}`.slice(0, 200) });
    }
    const finish = (challenge: boolean, detail: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      ws.terminate();
      (socket as net.Socket | null)?.destroy();
      void closed.then(() => resolve({ challenge, detail }));
    };
    const onAbort = () => finish(false, DEADLINE_DETAIL);
    signal?.addEventListener('abort', onAbort, { once: true });
    const timer = setTimeout(
      () => finish(false, upgraded ? `upgraded, but no message within ${timeoutMs} ms` : `no upgrade within ${timeoutMs} ms`),
      Math.max(0, timeoutMs),
    );
    // Kept after finish: terminating a connecting WebSocket emits an error a tick later.
    ws.on('error', (error: WsError) => finish(false, describeError(error, upgraded)));
    ws.on('unexpected-response', (_request, response) => finish(false, `the upgrade was answered with HTTP ${response.statusCode}`));
    ws.on('open', () => (upgraded = true));
    ws.on('message', (data, isBinary) => {
      if (isBinary) return finish(false, 'the first message is binary, not text');
      const text = (Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as Uint8Array)).toString('utf8');
      const challenge = isChallengeMessage(text);
      finish(challenge, challenge ? 'connect.challenge event on upgrade' : 'the first message is not a connect.challenge event');
    });
    ws.on('close', () => finish(false, upgraded ? 'closed before the first message' : 'closed before the upgrade'));
  });
}
