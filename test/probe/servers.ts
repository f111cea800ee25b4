// Real listeners on 127.0.0.1 for probe tests: hostile ones, fake gateways, fake CDP; every one closed by closeServers().
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';

const servers: net.Server[] = [];
const sockets = new Set<net.Socket>();
const timers = new Set<NodeJS.Timeout>();

export async function closeServers(): Promise<void> {
  for (const timer of timers) clearInterval(timer);
  timers.clear();
  for (const socket of sockets) socket.destroy();
  sockets.clear();
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
}

export async function listen(server: net.Server): Promise<number> {
  server.on('connection', (socket: net.Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
  });
  server.on('secureConnection', (socket: net.Socket) => socket.on('error', () => undefined));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as net.AddressInfo).port;
}

export function raw(onConnection: (socket: net.Socket) => void): Promise<number> {
  return listen(net.createServer(onConnection));
}

export function httpServer(handler: http.RequestListener): Promise<number> {
  return listen(http.createServer(handler));
}

/** A port nothing listens on: listened on, then closed. */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A self-signed certificate for 127.0.0.1: made by openssl when it is installed, else the one in fixtures/. */
export function tlsCredentials(): { key: Buffer; cert: Buffer } {
  const hasOpenssl = (process.env.PATH ?? '').split(path.delimiter).some((dir) => fs.existsSync(path.join(dir, 'openssl')));
  if (!hasOpenssl) return fixtureCredentials();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clawdoc-tls-'));
  try {
    const [key, cert] = [path.join(dir, 'key.pem'), path.join(dir, 'cert.pem')];
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-subj', '/CN=127.0.0.1', '-days', '1', '-keyout', key, '-out', cert], { stdio: 'ignore' });
    return { key: fs.readFileSync(key), cert: fs.readFileSync(cert) };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export function fixtureCredentials(): { key: Buffer; cert: Buffer } {
  const dir = new URL('./fixtures/', import.meta.url);
  return { key: fs.readFileSync(new URL('tls-key.pem', dir)), cert: fs.readFileSync(new URL('tls-cert.pem', dir)) };
}

export function tlsServer(credentials: { key: Buffer; cert: Buffer }): Promise<number> {
  const server = tls.createServer(credentials, (socket) => socket.end('HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok'));
  server.on('tlsClientError', () => undefined);
  return listen(server);
}

const DRIBBLED = 'HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 27\r\n\r\n{"ok":true,"status":"live"}';

/** Listeners that misbehave the same way on every path; each probe must end on them in bounded time. */
export const HOSTILE = {
  /** Accepts and never answers. */
  silent: () => raw(() => undefined),
  /** A valid answer, one byte every 100 ms. */
  dribble: () =>
    raw((socket) => {
      let index = 0;
      const timer = setInterval(() => {
        if (index >= DRIBBLED.length || socket.destroyed) return clearInterval(timer);
        socket.write(DRIBBLED[index++]!);
      }, 100);
      timers.add(timer);
    }),
  /** 10 MB of bytes that are not HTTP. */
  garbage: () => raw((socket) => socket.end(Buffer.alloc(10 * 1024 * 1024, 0x41))),
  /** A FIN before any byte. */
  closes: () => raw((socket) => socket.end()),
  /** An RST before any byte. */
  resets: () => raw((socket) => socket.resetAndDestroy()),
  /** A TLS server (Node's closes silently on a plain request). */
  tls: () => tlsServer(tlsCredentials()),
  /** HTTP 500 on every path. */
  error500: () =>
    httpServer((_request, response) => {
      response.writeHead(500, { 'content-type': 'text/plain' });
      response.end('internal error');
    }),
  /** A redirect whose target carries credentials. */
  redirect: () =>
    httpServer((_request, response) => {
      response.writeHead(302, { location: 'http://admin:hunter2@10.0.0.1:8080/login?token=abc123' });
      response.end();
    }),
};

export type HostileKind = keyof typeof HOSTILE;

/** The outcome and status a plain GET must end with on each hostile listener. */
export const HOSTILE_OUTCOME: Record<HostileKind, [string, number | null]> = {
  silent: ['timeout', null],
  dribble: ['timeout', null],
  garbage: ['bad-response', null],
  closes: ['closed', null],
  resets: ['reset', null],
  tls: ['tls', null],
  error500: ['http-error', 500],
  redirect: ['http-error', 302],
};

/** A server-side WebSocket accept for a client key (RFC 6455 4.2.2). */
export function acceptFor(key: string): string {
  return createHash('sha1').update(`${key}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest('base64');
}

/** An unmasked text frame, as a server sends it. */
export function textFrame(text: string): Buffer {
  const payload = Buffer.from(text);
  const header = payload.length < 126 ? Buffer.from([0x81, payload.length]) : Buffer.from([0x81, 126, payload.length >> 8, payload.length & 0xff]);
  return Buffer.concat([header, payload]);
}

/** The first frame OpenClaw 2026.9.6 sent, measured (nonce and ts changed). */
export const REAL_CHALLENGE = '{"type":"event","event":"connect.challenge","payload":{"nonce":"fcd4c44c-9b90-4138-b045-49ebc22c4a92","ts":1795580461106,"capabilities":["model-catalog-snapshot"]}}';

export interface FakeGateway {
  /** What the WebSocket upgrade gets: the frame to send after the 101, or nothing (no upgrade support). */
  firstFrame?: Buffer;
  /** Sends a wrong Sec-WebSocket-Accept. */
  badAccept?: boolean;
  /** Bodies by path; any other path gets 404. */
  routes?: Record<string, { status?: number; type?: string; body: string }>;
}

/** An HTTP server that answers like a gateway as far as told, and upgrades `/` when given a first frame. */
export async function fakeGateway(spec: FakeGateway): Promise<{ port: number; received: Buffer[] }> {
  const received: Buffer[] = [];
  const server = http.createServer((request, response) => {
    const route = spec.routes?.[request.url ?? ''];
    response.writeHead(route?.status ?? (route ? 200 : 404), { 'content-type': route?.type ?? 'application/json; charset=utf-8' });
    response.end(route?.body ?? '{"error":"not found"}');
  });
  server.on('connection', (socket: net.Socket) => socket.on('data', (chunk: Buffer) => received.push(chunk)));
  server.on('upgrade', (request: http.IncomingMessage, socket: net.Socket) => {
    socket.on('error', () => undefined);
    if (!spec.firstFrame) return socket.end('HTTP/1.1 426 Upgrade Required\r\ncontent-length: 0\r\n\r\n');
    const key = String(request.headers['sec-websocket-key'] ?? '');
    socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${spec.badAccept ? 'bm90LXRoZS1yaWdodC1rZXk=' : acceptFor(key)}\r\n\r\n`);
    socket.write(spec.firstFrame);
  });
  return { port: await listen(server), received };
}
