// Gateway probe without credentials: /healthz, /readyz, /startupz (version), and the WebSocket `connect.challenge`.
import net from 'node:net';
import { randomBytes } from 'node:crypto';
import type { GatewayProbe } from './types.js';
import { boundedGet, hostForUrl } from './http.js';

const MAX_FRAME_BYTES = 64 * 1024;
/** Where 2026.9 serves the canvas: on the gateway port, behind the gateway's auth even on loopback. */
export const CANVAS_PATH = '/__openclaw__/a2ui/';

/** Reads the first text frame the server sends after the upgrade; sends nothing but the handshake. */
export function readChallenge(host: string, port: number, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    let settled = false;
    let buffer = Buffer.alloc(0);
    let upgraded = false;
    const socket = net.connect({ host, port });
    const finish = (result: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(result);
    };
    const timer = setTimeout(() => finish(false), timeoutMs);
    socket.on('connect', () => {
      const key = randomBytes(16).toString('base64');
      socket.write(
        `GET / HTTP/1.1\r\nHost: ${hostForUrl(host)}:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\nUser-Agent: clawdoc\r\n\r\n`,
      );
    });
    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      if (buffer.length > MAX_FRAME_BYTES) return finish(false);
      if (!upgraded) {
        const end = buffer.indexOf('\r\n\r\n');
        if (end === -1) return;
        if (!/^HTTP\/1\.1 101/.test(buffer.subarray(0, end).toString('latin1'))) return finish(false);
        upgraded = true;
        buffer = buffer.subarray(end + 4);
      }
      const frame = firstTextFrame(buffer);
      if (frame === 'incomplete') return;
      finish(frame !== null && isChallenge(frame));
    });
    socket.on('error', () => finish(false));
    socket.on('close', () => finish(false));
  });
}

/** The payload of a complete unmasked text frame at the start of `buffer`, 'incomplete', or null for anything else. */
export function firstTextFrame(buffer: Buffer): string | null | 'incomplete' {
  if (buffer.length < 2) return 'incomplete';
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
    if (big > BigInt(MAX_FRAME_BYTES)) return null;
    length = Number(big);
    offset = 10;
  }
  if (opcode !== 0x1 || masked) return null;
  if (buffer.length < offset + length) return 'incomplete';
  return buffer.subarray(offset, offset + length).toString('utf8');
}

function isChallenge(text: string): boolean {
  try {
    const message = JSON.parse(text) as { type?: unknown; event?: unknown; payload?: { nonce?: unknown } };
    return message.event === 'connect.challenge' && typeof message.payload?.nonce === 'string';
  } catch {
    return false;
  }
}

function versionFrom(startupz: unknown): string | null {
  const version = (startupz as { version?: unknown } | null)?.version;
  return typeof version === 'string' && /^\d{4}\.\d+/.test(version) ? version : null;
}

export async function probeGateway(host: string, port: number, timeoutMs: number): Promise<GatewayProbe> {
  const [healthz, readyz, startupz, canvas, wsChallenge] = await Promise.all([
    boundedGet(host, port, '/healthz', timeoutMs),
    boundedGet(host, port, '/readyz', timeoutMs),
    boundedGet(host, port, '/startupz', timeoutMs),
    boundedGet(host, port, CANVAS_PATH, timeoutMs),
    readChallenge(host, port, timeoutMs),
  ]);
  const version = versionFrom(startupz.json);
  // A /healthz answer alone proves nothing (anything can say {"ok":true}); the challenge or /startupz's version does.
  const isOpenClaw = wsChallenge || version !== null;
  return { port, host, healthz, readyz, startupz, canvas, wsChallenge, isOpenClaw, version };
}
