// A credential-free WebSocket handshake by hand over node:net: read the 101 and the first frame, send nothing else.
import net from 'node:net';
import { createHash, randomBytes } from 'node:crypto';
import { hostForUrl } from './http.js';

const MAX_BYTES = 64 * 1024;
const WS_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

export interface ChallengeCheck {
  /** True when the first frame after the upgrade was an OpenClaw `connect.challenge` event. */
  challenge: boolean;
  /** What was seen, for evidence: why it is or is not a challenge. */
  detail: string;
}

export type Frame = { opcode: number; fin: boolean; masked: boolean; payload: Buffer };

/** The complete frame at the start of `buffer`, 'incomplete', or 'too-large' past the byte cap. */
export function parseFrame(buffer: Buffer): Frame | 'incomplete' | 'too-large' {
  if (buffer.length < 2) return 'incomplete';
  const fin = (buffer[0]! & 0x80) !== 0;
  const opcode = buffer[0]! & 0x0f;
  const masked = (buffer[1]! & 0x80) !== 0;
  let length = buffer[1]! & 0x7f;
  let offset = 2;
  if (length === 126) {
    if (buffer.length < 4) return 'incomplete';
    length = buffer.readUInt16BE(2);
    offset = 4;
  } else if (length === 127) {
    if (buffer.length < 10) return 'incomplete';
    const big = buffer.readBigUInt64BE(2);
    if (big > BigInt(MAX_BYTES)) return 'too-large';
    length = Number(big);
    offset = 10;
  }
  if (length > MAX_BYTES) return 'too-large';
  if (masked) offset += 4;
  if (buffer.length < offset + length) return 'incomplete';
  return { opcode, fin, masked, payload: buffer.subarray(offset, offset + length) };
}

/**
 * The frame OpenClaw 2026.9.6 sends first, measured: `0x81 0x7e` + 164 bytes of
 * `{"type":"event","event":"connect.challenge","payload":{"nonce":"<uuid>","ts":<ms>,"capabilities":[...]}}`.
 */
export function isChallengeMessage(text: string): boolean {
  try {
    const message = JSON.parse(text) as { type?: unknown; event?: unknown; payload?: { nonce?: unknown } | null };
    return message.type === 'event' && message.event === 'connect.challenge' && typeof message.payload?.nonce === 'string' && message.payload.nonce !== '';
  } catch {
    return false;
  }
}

function judgeFrame(frame: Frame): ChallengeCheck {
  // A server must not mask its frames (RFC 6455 5.1); a fragment or a non-text first frame is not OpenClaw's challenge.
  if (frame.masked || !frame.fin || frame.opcode !== 0x1) {
    return { challenge: false, detail: `the first frame is not one unmasked text frame (opcode ${frame.opcode}${frame.masked ? ', masked' : ''}${frame.fin ? '' : ', fragment'})` };
  }
  return isChallengeMessage(frame.payload.toString('utf8'))
    ? { challenge: true, detail: 'connect.challenge event on upgrade' }
    : { challenge: false, detail: 'the first frame is not a connect.challenge event' };
}

/** Upgrades `/` and reads the first frame; sends only the handshake, then closes the socket. */
export function readChallenge(host: string, port: number, timeoutMs: number): Promise<ChallengeCheck> {
  return new Promise((resolve) => {
    let settled = false;
    let buffer = Buffer.alloc(0);
    let upgraded = false;
    const key = randomBytes(16).toString('base64');
    const accept = createHash('sha1').update(key + WS_GUID).digest('base64');
    const socket = net.connect({ host, port });
    const finish = (challenge: boolean, detail: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve({ challenge, detail });
    };
    const timer = setTimeout(() => finish(false, upgraded ? `upgraded, but no frame within ${timeoutMs} ms` : `no upgrade within ${timeoutMs} ms`), timeoutMs);
    socket.on('connect', () => {
      socket.write(
        `GET / HTTP/1.1\r\nHost: ${hostForUrl(host)}:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\nUser-Agent: clawdoc\r\n\r\n`,
      );
    });
    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      if (!upgraded) {
        const end = buffer.indexOf('\r\n\r\n');
        if (end === -1) return buffer.length > MAX_BYTES ? finish(false, 'the upgrade answer has no end of headers') : undefined;
        const head = buffer.subarray(0, end).toString('latin1');
        const status = /^HTTP\/1\.1 (\d{3})/.exec(head)?.[1];
        if (status !== '101') return finish(false, status ? `the upgrade was answered with HTTP ${status}` : 'the upgrade answer is not HTTP');
        const accepted = head.split('\r\n').some((line) => /^sec-websocket-accept:/i.test(line) && line.slice(line.indexOf(':') + 1).trim() === accept);
        if (!accepted) {
          return finish(false, 'the 101 does not carry the Sec-WebSocket-Accept of our key');
        }
        upgraded = true;
        buffer = buffer.subarray(end + 4);
      }
      const frame = parseFrame(buffer);
      if (frame === 'incomplete') return;
      if (frame === 'too-large') return finish(false, `the first frame is larger than ${MAX_BYTES} bytes`);
      const judged = judgeFrame(frame);
      finish(judged.challenge, judged.detail);
    });
    socket.on('error', (error: NodeJS.ErrnoException) => finish(false, error.code === 'ECONNREFUSED' ? 'nothing accepts connections there' : `connection error ${error.code ?? error.message}`));
    socket.on('close', () => finish(false, upgraded ? 'closed before the first frame' : 'closed before the upgrade'));
  });
}
