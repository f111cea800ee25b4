// Real listeners on 127.0.0.1 for probe tests: hostile ones, fake gateways (raw and `ws`), fake CDP; all closed by closeServers().
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import { WebSocketServer, type WebSocket } from 'ws';

// Every server-side handle is unref'd: what keeps the event loop alive is then only the probe's own sockets and timers,
// which is what process.getActiveResourcesInfo() lists (it leaves unref'd handles out).
const servers: net.Server[] = [];
const sockets = new Set<net.Socket>();
const timers = new Set<NodeJS.Timeout>();
const wsServers: WebSocketServer[] = [];

export async function closeServers(): Promise<void> {
  tlsUpstream = null;
  for (const timer of timers) clearInterval(timer);
  timers.clear();
  for (const wss of wsServers.splice(0)) wss.close();
  const closing = [...sockets].map((socket) => new Promise((resolve) => (socket.closed ? resolve(undefined) : socket.once('close', resolve))));
  for (const socket of sockets) socket.destroy();
  sockets.clear();
  await Promise.all([...closing, ...servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve)))]);
}

/** An unref'd interval, cleared by closeServers() or when `socket` closes. */
function every(ms: number, socket: net.Socket, tick: (stop: () => void) => void): void {
  const timer = setInterval(() => (socket.destroyed ? stop() : tick(stop)), ms).unref();
  const stop = () => {
    clearInterval(timer);
    timers.delete(timer);
  };
  timers.add(timer);
  socket.once('close', stop);
}

function track(socket: net.Socket): void {
  if (sockets.has(socket)) return;
  sockets.add(socket);
  socket.unref();
  socket.on('close', () => sockets.delete(socket));
  socket.on('error', () => undefined);
}

async function listen(server: net.Server): Promise<number> {
  server.on('connection', track);
  server.on('secureConnection', (socket: net.Socket) => socket.on('error', () => undefined));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  server.unref();
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

let credentials: { key: Buffer; cert: Buffer } | null = null;

/** A self-signed certificate for 127.0.0.1: made by openssl when it is installed, else the one in fixtures/. */
function tlsCredentials(): { key: Buffer; cert: Buffer } {
  if (credentials) return credentials;
  const hasOpenssl = (process.env.PATH ?? '').split(path.delimiter).some((dir) => fs.existsSync(path.join(dir, 'openssl')));
  if (!hasOpenssl) return (credentials = fixtureCredentials());
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clawdoc-tls-'));
  try {
    const [key, cert] = [path.join(dir, 'key.pem'), path.join(dir, 'cert.pem')];
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-subj',
        '/CN=127.0.0.1',
        '-days',
        '1',
        '-keyout',
        key,
        '-out',
        cert,
      ],
      { stdio: 'ignore' },
    );
    return (credentials = { key: fs.readFileSync(key), cert: fs.readFileSync(cert) });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export function fixtureCredentials(): { key: Buffer; cert: Buffer } {
  const dir = new URL('./fixtures/', import.meta.url);
  return { key: fs.readFileSync(new URL('tls-key.pem', dir)), cert: fs.readFileSync(new URL('tls-cert.pem', dir)) };
}

function newTlsServer(): tls.Server {
  const server = tls.createServer(tlsCredentials(), (socket) => socket.end('HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok'));
  server.on('tlsClientError', () => undefined);
  return server;
}

function tlsServer(): Promise<number> {
  return listen(newTlsServer());
}

/** The answer of a real Chromium's /json/version, trimmed. */
export const CDP_VERSION = { Browser: 'Chrome/156.0.8078.79', 'Protocol-Version': '1.3', webSocketDebuggerUrl: 'ws://127.0.0.1:9222/devtools/browser/x' };

// One buffer for every connection: the servers share the event loop with the probes they test.
const GARBAGE = Buffer.alloc(4 * 1024 * 1024, 0x41);
const DRIBBLED = 'HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 27\r\n\r\n{"ok":true,"status":"live"}';

/** Pumps `chunk` into the socket with backpressure, up to `limit` bytes or until the client goes away. */
function pump(socket: net.Socket, chunk: Buffer, limit: number): void {
  let sent = 0;
  const more = () => {
    while (sent < limit && !socket.destroyed) {
      sent += chunk.length;
      if (!socket.write(chunk)) return void socket.once('drain', more);
    }
    socket.end();
  };
  more();
}

/** Calls `answer` once the request's first bytes came (or at once when they already did). */
function onRequest(socket: net.Socket, request: Buffer | null, answer: (request: Buffer) => void): void {
  if (request) answer(request);
  else socket.once('data', answer);
}

/** Hands the connection to a Node server as if it had accepted it, with the bytes already read put back first. */
function handOver(server: net.Server, socket: net.Socket, request: Buffer | null): void {
  if (request) socket.unshift(request);
  server.emit('connection', socket);
  socket.resume();
}

/** An HTTP server that answers 426 to plain requests and upgrades to a WebSocket, then does `onUpgrade`. */
function webSocketHttp(onUpgrade: (socket: net.Socket, request: http.IncomingMessage, head: Buffer) => void): http.Server {
  const server = http.createServer((_request, response) => {
    response.writeHead(426, { 'content-type': 'text/plain', connection: 'close' });
    response.end('Upgrade Required');
  });
  server.on('upgrade', (request: http.IncomingMessage, socket: net.Socket, head: Buffer) => onUpgrade(socket, request, head));
  return server;
}

const quietWebSocket = (() => {
  let server: http.Server | null = null;
  return () => {
    if (server) return server;
    // Kept across tests: in noServer mode it holds no handle of its own.
    const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
    return (server = webSocketHttp((socket, request, head) => wss.handleUpgrade(request, socket, head, () => undefined)));
  };
})();

const hugeFrameWebSocket = (() => {
  let server: http.Server | null = null;
  return () =>
    (server ??= webSocketHttp((socket, request) => {
      socket.write(
        `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${acceptFor(String(request.headers['sec-websocket-key']))}\r\n\r\n`,
      );
      const header = Buffer.alloc(10);
      header[0] = 0x81;
      header[1] = 127;
      header.writeBigUInt64BE(BigInt(100 * 1024 * 1024), 2);
      socket.write(header);
      pump(socket, Buffer.alloc(64 * 1024, 0x61), 100 * 1024 * 1024);
    }));
})();

/** The port of a listening TLS server, shared by the `tls` hostiles of a test. */
let tlsUpstream: Promise<number> | null = null;

/**
 * Relays the connection, with the bytes already read first, to a TLS server of its own. A TLS server handed an
 * accepted socket reads the handle directly, so bytes put back with unshift() never reach it: a relay is faithful.
 */
function relayToTls(socket: net.Socket, request: Buffer | null): void {
  void (tlsUpstream ??= tlsServer()).then((port) => {
    if (socket.destroyed) return;
    const upstream = net.connect(port, '127.0.0.1');
    track(upstream);
    if (request) upstream.write(request);
    socket.pipe(upstream).pipe(socket);
    socket.once('close', () => upstream.destroy());
    upstream.once('close', () => socket.destroy());
    socket.resume();
  });
}

type Behaviour = (socket: net.Socket, request: Buffer | null) => void;

/** How each hostile listener treats a connection; `request` is the first chunk when a wrapper already read it. */
const BEHAVIOURS = {
  /** Accepts and never answers. */
  silent: () => undefined,
  /** A valid answer, one byte a second. */
  dribble: (socket) => {
    let index = 0;
    socket.write(DRIBBLED[index++]!);
    every(1000, socket, (stop) => (index < DRIBBLED.length ? socket.write(DRIBBLED[index++]!) : stop()));
  },
  /** 4 MiB of bytes that are not HTTP. */
  garbage: (socket) => void socket.end(GARBAGE),
  /** A FIN before any byte. */
  closes: (socket) => void socket.end(),
  /** An RST before any byte. */
  resets: (socket) => void socket.resetAndDestroy(),
  /** A TLS server (Node's closes silently on a plain request). */
  tls: (socket, request) => (request ? relayToTls(socket, request) : handOver(newTlsServer(), socket, null)),
  /** HTTP 500 on every path. */
  error500: (socket, request) =>
    onRequest(socket, request, () =>
      socket.end('HTTP/1.1 500 Internal Server Error\r\ncontent-type: text/plain\r\ncontent-length: 14\r\nconnection: close\r\n\r\ninternal error'),
    ),
  /** A redirect whose target carries credentials. */
  redirect: (socket, request) =>
    onRequest(socket, request, () =>
      socket.end('HTTP/1.1 302 Found\r\nlocation: http://admin:hunter2@10.0.0.1:8080/login?token=abc123\r\ncontent-length: 0\r\nconnection: close\r\n\r\n'),
    ),
  /** HTTP 200 that says JSON and sends HTML. */
  notJson: (socket, request) =>
    onRequest(socket, request, () =>
      socket.end('HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 34\r\nconnection: close\r\n\r\n<html><body>not json</body></html>'),
    ),
  /** HTTP 200 and a body of up to 1 GiB, as fast as the client reads. */
  hugeBody: (socket, request) =>
    onRequest(socket, request, () => {
      socket.write('HTTP/1.1 200 OK\r\ncontent-type: application/json\r\nconnection: close\r\n\r\n[');
      pump(socket, Buffer.alloc(64 * 1024, 0x20), 1024 * 1024 * 1024);
    }),
  /** HTTP 200 with a chunked body that never ends: one small chunk every 50 ms. */
  chunkedForever: (socket, request) =>
    onRequest(socket, request, () => {
      socket.write('HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n1\r\n[\r\n');
      every(50, socket, () => socket.write('1\r\n \r\n'));
    }),
  /** A status line, then headers without end, as fast as the client reads. */
  endlessHeaders: (socket, request) =>
    onRequest(socket, request, () => {
      socket.write('HTTP/1.1 200 OK\r\n');
      pump(socket, Buffer.from('X-Filler: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n'.repeat(1000)), 1024 * 1024 * 1024);
    }),
  /** A `ws` server: 426 to plain requests; upgrades, then never sends a message. */
  wsSilent: (socket, request) => handOver(quietWebSocket(), socket, request),
  /** 426 to plain requests; upgrades, then sends a text frame announced at 100 MB, as fast as the client reads. */
  wsHugeFrame: (socket, request) => handOver(hugeFrameWebSocket(), socket, request),
} satisfies Record<string, Behaviour>;

export type HostileKind = keyof typeof BEHAVIOURS;
export const HOSTILE_KINDS = Object.keys(BEHAVIOURS) as HostileKind[];

/**
 * A hostile listener. With `cdp`, it first answers `/json/version` like a real browser on any connection that asks for
 * it, and turns hostile only on other paths: the `/json/list` step of the CDP probe meets the hostility.
 */
export function hostile(kind: HostileKind, options: { cdp?: boolean } = {}): Promise<number> {
  const behaviour: Behaviour = BEHAVIOURS[kind];
  if (!options.cdp) return raw((socket) => behaviour(socket, null));
  return raw((socket) => {
    socket.once('data', (request: Buffer) => {
      socket.pause();
      if (request.toString('latin1').startsWith('GET /json/version ')) {
        const body = JSON.stringify(CDP_VERSION);
        return void socket.end(`HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: ${body.length}\r\nconnection: close\r\n\r\n${body}`);
      }
      behaviour(socket, request);
      // The TLS relay resumes once its pipe is set up.
      if (kind !== 'tls') socket.resume();
    });
  });
}

/** Listeners that misbehave the same way on every path; each probe must end on them in bounded time. */
export const HOSTILE = Object.fromEntries(HOSTILE_KINDS.map((kind) => [kind, () => hostile(kind)])) as Record<HostileKind, () => Promise<number>>;

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
  notJson: ['bad-response', 200],
  hugeBody: ['ok', 200],
  chunkedForever: ['timeout', 200],
  endlessHeaders: ['bad-response', null],
  wsSilent: ['http-error', 426],
  wsHugeFrame: ['http-error', 426],
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
export const REAL_CHALLENGE =
  '{"type":"event","event":"connect.challenge","payload":{"nonce":"fcd4c44c-9b90-4138-b045-49ebc22c4a92","ts":1795580461106,"capabilities":["model-catalog-snapshot"]}}';

type Routes = Record<string, { status?: number; type?: string; body: string }>;

function routed(routes: Routes | undefined): http.RequestListener {
  return (request, response) => {
    const route = routes?.[request.url ?? ''];
    response.writeHead(route?.status ?? (route ? 200 : 404), { 'content-type': route?.type ?? 'application/json; charset=utf-8' });
    response.end(route?.body ?? '{"error":"not found"}');
  };
}

export interface FakeGateway {
  /** What the WebSocket upgrade gets: raw bytes to send after the 101, or nothing (no upgrade support: 426). */
  firstFrame?: Buffer;
  /** Sends a wrong Sec-WebSocket-Accept. */
  badAccept?: boolean;
  /** Bodies by path; any other path gets 404. */
  routes?: Routes;
}

/** An HTTP server that answers like a gateway as far as told, and upgrades `/` by hand when given raw frame bytes. */
export async function fakeGateway(spec: FakeGateway): Promise<{ port: number; received: Buffer[] }> {
  const received: Buffer[] = [];
  const server = http.createServer(routed(spec.routes));
  server.on('connection', (socket: net.Socket) => socket.on('data', (chunk: Buffer) => received.push(chunk)));
  server.on('upgrade', (request: http.IncomingMessage, socket: net.Socket) => {
    if (!spec.firstFrame) return socket.end('HTTP/1.1 426 Upgrade Required\r\ncontent-length: 0\r\n\r\n');
    const key = String(request.headers['sec-websocket-key'] ?? '');
    socket.write(
      `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${spec.badAccept ? 'bm90LXRoZS1yaWdodC1rZXk=' : acceptFor(key)}\r\n\r\n`,
    );
    socket.write(spec.firstFrame);
  });
  return { port: await listen(server), received };
}

/** What a `ws`-backed fake gateway saw: the upgrade requests' headers and every message a client sent. */
export interface WsGatewaySeen {
  upgrades: http.IncomingHttpHeaders[];
  messages: Buffer[];
}

/** A fake gateway on a real `ws` server: HTTP routes, and `onOpen` for every WebSocket that connects to `/`. */
export async function wsGateway(spec: { routes?: Routes; onOpen: (ws: WebSocket) => void }): Promise<{ port: number; seen: WsGatewaySeen }> {
  const seen: WsGatewaySeen = { upgrades: [], messages: [] };
  const server = http.createServer(routed(spec.routes));
  const wss = new WebSocketServer({ server, perMessageDeflate: false });
  wsServers.push(wss);
  wss.on('headers', (_headers, request) => seen.upgrades.push(request.headers));
  wss.on('connection', (ws) => {
    ws.on('message', (data) => seen.messages.push(Buffer.from(data as Buffer)));
    ws.on('error', () => undefined);
    spec.onOpen(ws);
  });
  return { port: await listen(server), seen };
}
