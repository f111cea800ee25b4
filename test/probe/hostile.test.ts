// Hostile and odd listeners, each a real socket on loopback: every probe ends in bounded time with a clear result.
import net from 'node:net';
import tls from 'node:tls';
import http from 'node:http';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { boundedGet } from '../../src/probe/http.js';
import { probeGateway } from '../../src/probe/gateway.js';
import { probeCdp } from '../../src/probe/cdp.js';
import { runProbes } from '../../src/probe/run.js';

const TIMEOUT = 400;
const servers: net.Server[] = [];
const sockets = new Set<net.Socket>();

afterEach(async () => {
  for (const socket of sockets) socket.destroy();
  sockets.clear();
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

function track(server: net.Server): net.Server {
  server.on('connection', (socket: net.Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
  });
  servers.push(server);
  return server;
}

async function listen(server: net.Server): Promise<number> {
  track(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as net.AddressInfo).port;
}

function raw(onConnection: (socket: net.Socket) => void): Promise<number> {
  return listen(net.createServer(onConnection));
}

async function timed<T>(work: Promise<T>): Promise<{ result: T; ms: number }> {
  const started = Date.now();
  const result = await work;
  return { result, ms: Date.now() - started };
}

describe('bounded probes against hostile listeners', () => {
  it('a listener that accepts and never answers ends as a timeout', async () => {
    const port = await raw(() => undefined);
    const { result, ms } = await timed(boundedGet('127.0.0.1', port, '/healthz', TIMEOUT));
    expect([result.outcome, result.status]).toEqual(['timeout', null]);
    expect(ms).toBeLessThan(TIMEOUT + 1000);
  });

  it('an answer dribbled byte by byte is cut at the deadline', async () => {
    const port = await raw((socket) => {
      const text = 'HTTP/1.1 200 OK\r\ncontent-length: 27\r\n\r\n{"ok":true,"status":"live"}';
      let index = 0;
      const timer = setInterval(() => {
        if (index >= text.length || socket.destroyed) return clearInterval(timer);
        socket.write(text[index++]!);
      }, 100);
      socket.on('close', () => clearInterval(timer));
    });
    const { result, ms } = await timed(boundedGet('127.0.0.1', port, '/healthz', TIMEOUT));
    expect(result.outcome).toBe('timeout');
    expect(ms).toBeLessThan(TIMEOUT + 1000);
  });

  it('10 MB of garbage is read up to the cap and called not HTTP', async () => {
    const port = await raw((socket) => socket.end(Buffer.alloc(10 * 1024 * 1024, 0x41)));
    const { result, ms } = await timed(boundedGet('127.0.0.1', port, '/healthz', 2000));
    expect([result.outcome, result.status]).toEqual(['bad-response', null]);
    expect(result.snippet?.length).toBeLessThanOrEqual(200);
    expect(ms).toBeLessThan(3000);
  });

  it('a listener that closes at once, and one that resets', async () => {
    const closing = await raw((socket) => socket.end());
    expect((await boundedGet('127.0.0.1', closing, '/healthz', TIMEOUT)).outcome).toBe('closed');
    const resetting = await raw((socket) => socket.resetAndDestroy());
    expect(['reset', 'closed']).toContain((await boundedGet('127.0.0.1', resetting, '/healthz', TIMEOUT)).outcome);
  });

  it('nothing listening is refused', async () => {
    const port = await raw(() => undefined);
    await new Promise((resolve) => servers.pop()!.close(resolve));
    expect((await boundedGet('127.0.0.1', port, '/healthz', TIMEOUT)).outcome).toBe('refused');
  });

  it.skipIf(!fs.existsSync('/usr/bin/openssl'))('a TLS server is recognised as TLS', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clawdoc-tls-'));
    try {
      execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=127.0.0.1', '-days', '1', '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem')], { stdio: 'ignore' });
      const server = tls.createServer({ key: fs.readFileSync(path.join(dir, 'key.pem')), cert: fs.readFileSync(path.join(dir, 'cert.pem')) });
      server.on('tlsClientError', () => undefined);
      const port = await listen(server);
      const result = await boundedGet('127.0.0.1', port, '/healthz', 1500);
      expect([result.outcome, result.status, result.detail]).toEqual(['tls', null, 'the port speaks TLS, not plain HTTP']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('HTTP 500 and a redirect are reported, never followed', async () => {
    const port = await listen(
      http.createServer((request, response) => {
        if (request.url === '/healthz') {
          response.writeHead(500, { 'content-type': 'text/plain' });
          response.end('boom');
        } else {
          response.writeHead(302, { location: 'http://user:secret@127.0.0.1:1/x?token=abc' });
          response.end();
        }
      }),
    );
    expect(await boundedGet('127.0.0.1', port, '/healthz', TIMEOUT)).toMatchObject({ outcome: 'http-error', status: 500, snippet: 'boom' });
    const redirected = await boundedGet('127.0.0.1', port, '/readyz', TIMEOUT);
    expect(redirected).toMatchObject({ outcome: 'http-error', status: 302, detail: 'redirects to http://***@127.0.0.1:1/x?token=*** (not followed)' });
  });

  it('a fake gateway that answers /healthz but sends no challenge is not taken for OpenClaw', async () => {
    const port = await listen(
      http.createServer((request, response) => {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(request.url === '/healthz' ? '{"ok":true,"status":"live"}' : '{}');
      }),
    );
    const probe = await probeGateway('127.0.0.1', port, TIMEOUT);
    expect([probe.healthz.outcome, probe.healthz.json, probe.wsChallenge, probe.isOpenClaw, probe.version]).toEqual(['ok', { ok: true, status: 'live' }, false, false, null]);
  });

  it('a gateway that sends the connect.challenge on upgrade is recognised without any credential', async () => {
    const received: Buffer[] = [];
    const port = await raw((socket) => {
      socket.on('data', (chunk) => {
        received.push(chunk);
        if (!chunk.toString('latin1').includes('Upgrade: websocket')) return;
        const payload = Buffer.from(JSON.stringify({ type: 'event', event: 'connect.challenge', payload: { nonce: 'n-1', ts: 1 } }));
        socket.write('HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: x\r\n\r\n');
        socket.write(Buffer.concat([Buffer.from([0x81, payload.length]), payload]));
      });
    });
    const probe = await probeGateway('127.0.0.1', port, TIMEOUT);
    expect([probe.wsChallenge, probe.isOpenClaw]).toEqual([true, true]);
    expect(Buffer.concat(received).toString('latin1')).not.toMatch(/authorization|token/i);
  });

  it('a CDP port answering HTML instead of JSON neither hangs nor throws (the chrome-remote-interface trap)', async () => {
    const port = await listen(http.createServer((_request, response) => response.end('<html><title>OpenClaw Control</title></html>')));
    const { result, ms } = await timed(probeCdp('127.0.0.1', port, TIMEOUT));
    expect([result.isCdp, result.tabs, result.browser]).toEqual([false, null, null]);
    expect(ms).toBeLessThan(TIMEOUT + 1000);
  });

  it('the run\'s deadline ends every probe and keeps what finished', async () => {
    const silent = await raw(() => undefined);
    const answering = await listen(http.createServer((_request, response) => response.end('{"ok":true,"status":"live"}')));
    const { result, ms } = await timed(
      runProbes({ gateways: [{ host: '127.0.0.1', port: silent }], cdp: [], control: [{ host: '127.0.0.1', port: answering }] }, { timeoutMs: 5000, deadlineMs: 300 }),
    );
    expect(ms).toBeLessThan(1500);
    expect(result.deadlineHit).toBe(true);
    expect(result.gateways[`127.0.0.1:${silent}`]?.healthz).toMatchObject({ outcome: 'timeout', detail: "the run's deadline ended this probe" });
    expect(result.control[`127.0.0.1:${answering}`]?.root.outcome).toBe('ok');
  });
});
