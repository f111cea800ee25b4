// boundedGet against real listeners on 127.0.0.1: every answer, however hostile, ends in bounded time with one outcome.
import http from 'node:http';
import tls from 'node:tls';
import { afterEach, describe, expect, it } from 'vitest';
import { boundedGet, MAX_BODY_BYTES } from '../../src/probe/http.js';
import { closeServers, fixtureCredentials, freePort, HOSTILE, httpServer, raw } from './servers.js';

const TIMEOUT = 400;
afterEach(closeServers);

async function timed<T>(work: Promise<T>): Promise<{ result: T; ms: number }> {
  const started = Date.now();
  const result = await work;
  return { result, ms: Date.now() - started };
}

describe('boundedGet on hostile listeners', () => {
  it('reports what each ending looked like', async () => {
    const silent = await boundedGet('127.0.0.1', await HOSTILE.silent(), '/', TIMEOUT);
    expect(silent.detail).toBe(`no answer within ${TIMEOUT} ms`);
    const garbage = await boundedGet('127.0.0.1', await HOSTILE.garbage(), '/', TIMEOUT);
    expect(garbage).toMatchObject({ detail: 'the answer is not valid HTTP (HPE_INVALID_CONSTANT)', snippet: 'A'.repeat(200) });
    const closes = await boundedGet('127.0.0.1', await HOSTILE.closes(), '/', TIMEOUT);
    expect(closes.detail).toBe('the server closed the connection without answering');
    const tlsPort = await HOSTILE.tls();
    expect((await boundedGet('127.0.0.1', tlsPort, '/', 1500)).detail).toBe('the port speaks TLS, not plain HTTP');
    expect(await boundedGet('127.0.0.1', await HOSTILE.error500(), '/', TIMEOUT)).toMatchObject({ json: null, snippet: 'internal error', detail: null });
  });

  it('never follows a redirect, and redacts credentials in its target', async () => {
    let hits = 0;
    const port = await httpServer((_request, response) => {
      hits += 1;
      response.writeHead(302, { location: 'http://admin:hunter2@10.0.0.1:8080/login?token=abc123' });
      response.end();
    });
    const result = await boundedGet('127.0.0.1', port, '/', TIMEOUT);
    expect(result).toMatchObject({ outcome: 'http-error', status: 302, detail: 'redirects to http://***@10.0.0.1:8080/login?token=*** (not followed)' });
    expect(hits).toBe(1);
  });

  it("a status line followed by endless headers stops at node:http's header limit", async () => {
    const port = await raw((socket) => socket.end(`HTTP/1.1 200 OK\r\nX-Filler: ${'a'.repeat(10 * 1024 * 1024)}`));
    const { result, ms } = await timed(boundedGet('127.0.0.1', port, '/', 2000));
    expect(result).toMatchObject({ outcome: 'bad-response', status: null, detail: 'the answer is not valid HTTP (HPE_HEADER_OVERFLOW)' });
    expect(ms).toBeLessThan(2000);
  });

  it('nothing listening is refused', async () => {
    expect(await boundedGet('127.0.0.1', await freePort(), '/healthz', TIMEOUT)).toMatchObject({
      outcome: 'refused',
      status: null,
      detail: 'nothing accepts connections there',
    });
  });

  it('a TLS server that answers a plain request with an alert record is TLS too', async () => {
    // What OpenSSL-based servers other than Node's send: alert, TLS 1.2, length 2, fatal(2), protocol_version(70).
    const port = await raw((socket) => socket.end(Buffer.from([0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x46])));
    expect(await boundedGet('127.0.0.1', port, '/', TIMEOUT)).toMatchObject({ outcome: 'tls', status: null, detail: 'the port speaks TLS, not plain HTTP' });
  });

  it('an HTTP 400 saying "HTTP request to an HTTPS server" (Go, nginx) is TLS', async () => {
    const port = await httpServer((_request, response) => {
      response.writeHead(400);
      response.end('Client sent an HTTP request to an HTTPS server.\n');
    });
    expect(await boundedGet('127.0.0.1', port, '/', TIMEOUT)).toMatchObject({ outcome: 'tls', status: 400 });
  });

  it('the fixture certificate still loads (the fallback where openssl is missing)', () => {
    expect(() => tls.createSecureContext(fixtureCredentials())).not.toThrow();
  });
});

describe('boundedGet on answers that parse', () => {
  it('parses JSON and keeps no snippet', async () => {
    const port = await httpServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{"ok":true,"status":"live"}');
    });
    expect(await boundedGet('127.0.0.1', port, '/healthz', TIMEOUT)).toEqual({
      url: `http://127.0.0.1:${port}/healthz`,
      outcome: 'ok',
      status: 200,
      json: { ok: true, status: 'live' },
      snippet: null,
      elapsedMs: expect.any(Number),
      detail: null,
    });
  });

  it('a JSON content-type with a body that is not JSON is a bad response, with the body redacted in the snippet', async () => {
    const port = await httpServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('<html>Authorization: Bearer abc.def.ghi see http://u:p@h/?access_token=zzz</html>');
    });
    expect(await boundedGet('127.0.0.1', port, '/', TIMEOUT)).toMatchObject({
      outcome: 'bad-response',
      json: null,
      snippet: '<html>Authorization: Bearer *** see http://***@h/?access_token=***',
    });
  });

  it('a 200 with 10 MB of body is read up to the cap, then the connection is dropped', async () => {
    let sent = 0;
    const port = await httpServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/plain' });
      const chunk = Buffer.alloc(64 * 1024, 0x42);
      const pump = () => {
        while (sent < 10 * 1024 * 1024 && !response.destroyed) {
          sent += chunk.length;
          if (!response.write(chunk)) return response.once('drain', pump);
        }
        response.end();
      };
      pump();
    });
    const { result, ms } = await timed(boundedGet('127.0.0.1', port, '/', 2000));
    expect(result).toMatchObject({ outcome: 'ok', status: 200, json: null, detail: `body cut at ${MAX_BODY_BYTES} bytes` });
    expect(result.snippet).toBe('B'.repeat(200));
    expect(ms).toBeLessThan(2000);
    expect(sent).toBeLessThan(10 * 1024 * 1024);
  });

  it('a status that comes but a body that never ends is a timeout that keeps the status', async () => {
    const port = await httpServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
      response.write('{"ok":');
    });
    expect(await boundedGet('127.0.0.1', port, '/', TIMEOUT)).toMatchObject({
      outcome: 'timeout',
      status: 200,
      detail: `status 200 came, the body did not end within ${TIMEOUT} ms`,
    });
  });

  it('a body cut short by the server is a bad response', async () => {
    const port = await raw((socket) => socket.end('HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\n{"ok":'));
    expect(await boundedGet('127.0.0.1', port, '/', TIMEOUT)).toMatchObject({
      outcome: 'bad-response',
      status: 200,
      detail: 'status 200 came, then the server closed the connection mid-answer',
    });
  });

  it('sends no credentials and asks the explicit address, not localhost', async () => {
    const seen: http.IncomingHttpHeaders[] = [];
    const port = await httpServer((request, response) => {
      seen.push(request.headers);
      response.end('{}');
    });
    await boundedGet('127.0.0.1', port, '/healthz?x=1', TIMEOUT);
    expect(seen).toHaveLength(1);
    expect(seen[0]).not.toHaveProperty('authorization');
    expect(seen[0]).not.toHaveProperty('cookie');
    expect(seen[0]?.host).toBe(`127.0.0.1:${port}`);
  });
});
