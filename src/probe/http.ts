// A bounded plain-HTTP GET over node:http: one deadline for connect, headers and body, a byte cap, guarded JSON, no credentials.
import http from 'node:http';
import net from 'node:net';
import tls from 'node:tls';
import type { HttpProbe, ProbeOutcome } from './types.js';
import { redact } from '../redact.js';

/** At most this much of a body is read by default; then the connection is destroyed. */
export const MAX_BODY_BYTES = 64 * 1024;
const SNIPPET_CHARS = 200;
// A TLS server that answers plain bytes at all sends an alert (0x15) or handshake (0x16) record, version 3.x.
const TLS_RECORD = /^[\x15\x16]\x03[\x00-\x04]/;
// What nginx and Go's TLS servers answer, in plain HTTP, to a plain request.
const HTTPS_PORT_ANSWER = /plain HTTP request was sent to HTTPS port|HTTP request to an HTTPS server/i;
const TLS_DETAIL = 'the port speaks TLS, not plain HTTP';
/** What a probe ended by the run's deadline (an aborted signal) reports. */
export const DEADLINE_DETAIL = "the run's deadline ended this probe";

export function hostForUrl(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

/** A probe plus the capped body text, for callers that look for markers in it (the control UI's build id). */
export interface HttpAnswer {
  probe: HttpProbe;
  body: string | null;
}

function parseJson(body: string): unknown {
  if (!/^\s*[[{]/.test(body)) return null;
  try {
    return JSON.parse(body);
  } catch {
    return null;
  }
}

function snippetOf(body: string): string | null {
  const trimmed = body.trim();
  return trimmed === '' ? null : redact(trimmed.slice(0, SNIPPET_CHARS).replace(/[^\x20-\x7e]/g, '.'));
}

/** Resolves once the socket's handle is closed, so that nothing of a finished probe is left in the event loop. */
export function whenClosed(socket: net.Socket): Promise<void> {
  return new Promise((resolve) => {
    socket.once('close', () => resolve());
  });
}

/** True when the port completes a TLS handshake (certificates are not checked; nothing is sent after it). */
function speaksTls(host: string, port: number, timeoutMs: number, signal?: AbortSignal): Promise<boolean> {
  if (signal?.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    // No servername for an IP literal: Node refuses to send one (RFC 6066).
    const socket = tls.connect({ host, port, rejectUnauthorized: false, ...(net.isIP(host) ? {} : { servername: host }) });
    const closed = whenClosed(socket);
    let settled = false;
    const finish = (result: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      socket.destroy();
      void closed.then(() => resolve(result));
    };
    const onAbort = () => finish(false);
    const timer = setTimeout(() => finish(false), Math.max(0, timeoutMs));
    signal?.addEventListener('abort', onAbort, { once: true });
    socket.once('secureConnect', () => finish(true));
    socket.once('error', () => finish(false));
    socket.once('close', () => finish(false));
  });
}

/**
 * GET `path` and classify the answer. Redirects are not followed: a 3xx is `http-error` with its status and the
 * redacted target in `detail`, since the question is what this port answers itself, and a Location may point off-host.
 * A port that hangs up without a byte is asked once more, within the same deadline, whether it speaks TLS: Node's
 * own TLS server closes silently on a plain request (measured, OpenSSL 3.0).
 */
export async function boundedRequest(
  host: string,
  port: number,
  path: string,
  timeoutMs: number,
  signal?: AbortSignal,
  maxBytes = MAX_BODY_BYTES,
): Promise<HttpAnswer> {
  const started = Date.now();
  const answer = await plainGet(host, port, path, timeoutMs, signal, maxBytes);
  if (!answer.silentHangUp) return { probe: answer.probe, body: answer.body };
  const remaining = timeoutMs - (Date.now() - started);
  if (remaining > 0 && (await speaksTls(host, port, remaining, signal))) {
    return { probe: { ...answer.probe, outcome: 'tls', elapsedMs: Date.now() - started, detail: TLS_DETAIL }, body: null };
  }
  return { probe: answer.probe, body: answer.body };
}

export async function boundedGet(
  host: string,
  port: number,
  path: string,
  timeoutMs: number,
  signal?: AbortSignal,
  maxBytes = MAX_BODY_BYTES,
): Promise<HttpProbe> {
  return (await boundedRequest(host, port, path, timeoutMs, signal, maxBytes)).probe;
}

type HttpError = NodeJS.ErrnoException & { rawPacket?: Buffer };
type Ending = { kind: 'complete' } | { kind: 'capped' } | { kind: 'timeout' } | { kind: 'aborted' } | { kind: 'error'; error: HttpError };

/** What the socket itself saw, beside what node:http reports. */
interface Wire {
  finReceived: boolean;
  bytesReceived: number;
}

function errorOutcome(error: HttpError, wire: Wire): { outcome: ProbeOutcome; detail: string } {
  const code = error.code ?? '';
  if (code === 'ECONNREFUSED') return { outcome: 'refused', detail: 'nothing accepts connections there' };
  if (code.startsWith('HPE_')) {
    const raw = error.rawPacket?.toString('latin1') ?? '';
    return TLS_RECORD.test(raw) ? { outcome: 'tls', detail: TLS_DETAIL } : { outcome: 'bad-response', detail: `the answer is not valid HTTP (${code})` };
  }
  // node:http reports a FIN before any answer as ECONNRESET "socket hang up"; the socket saw which it was.
  if (wire.finReceived)
    return {
      outcome: 'closed',
      detail: wire.bytesReceived > 0 ? 'the server closed the connection mid-answer' : 'the server closed the connection without answering',
    };
  if (code === 'ECONNRESET' || code === 'EPIPE') return { outcome: 'reset', detail: 'the server reset the connection' };
  return { outcome: 'error', detail: code || error.message };
}

/** The fields in their declared order, so that JSON output reads the same whichever path built the probe. */
function ordered({ url, outcome, status, json, snippet, elapsedMs, detail }: HttpProbe): HttpProbe {
  return { url, outcome, status, json, snippet, elapsedMs, detail };
}

/** An answer whose status line and headers came. */
function answered(
  url: string,
  elapsedMs: number,
  response: http.IncomingMessage,
  body: string,
  ending: Ending,
  wire: Wire,
  timeoutMs: number,
  maxBytes: number,
): HttpProbe {
  const status = response.statusCode ?? 0;
  const json = ending.kind === 'complete' ? parseJson(body) : null;
  const base = { url, elapsedMs, status, json, snippet: json === null ? snippetOf(body) : null };
  if (ending.kind === 'timeout') return { ...base, outcome: 'timeout', detail: `status ${status} came, the body did not end within ${timeoutMs} ms` };
  if (ending.kind === 'aborted') return { ...base, outcome: 'timeout', detail: `status ${status} came, then ${DEADLINE_DETAIL}` };
  if (ending.kind === 'error') {
    const { outcome, detail } = errorOutcome(ending.error, wire);
    return { ...base, outcome: outcome === 'reset' ? 'reset' : 'bad-response', detail: `status ${status} came, then ${detail}` };
  }
  if (status === 400 && HTTPS_PORT_ANSWER.test(body)) return { ...base, outcome: 'tls', detail: TLS_DETAIL };
  if (status >= 300 && status < 400) {
    const location = response.headers.location;
    return { ...base, outcome: 'http-error', detail: location ? `redirects to ${redact(location)} (not followed)` : 'a redirect without a Location' };
  }
  if (status < 200 || status >= 300) return { ...base, outcome: 'http-error', detail: null };
  if (ending.kind === 'capped') return { ...base, outcome: 'ok', detail: `body cut at ${maxBytes} bytes` };
  if (json === null && /json/i.test(String(response.headers['content-type'] ?? ''))) {
    return { ...base, outcome: 'bad-response', detail: 'the body is not the JSON its content-type announces' };
  }
  return { ...base, outcome: 'ok', detail: null };
}

/** No status line came: a timeout or a connection error. */
function unanswered(url: string, elapsedMs: number, ending: Ending, wire: Wire, timeoutMs: number): HttpProbe {
  const base = { url, elapsedMs, status: null, json: null, snippet: null };
  if (ending.kind === 'aborted') return { ...base, outcome: 'timeout', detail: DEADLINE_DETAIL };
  if (ending.kind !== 'error')
    return {
      ...base,
      outcome: 'timeout',
      detail: wire.bytesReceived > 0 ? `no complete status line and headers within ${timeoutMs} ms` : `no answer within ${timeoutMs} ms`,
    };
  const { outcome, detail } = errorOutcome(ending.error, wire);
  const raw = ending.error.rawPacket;
  return { ...base, outcome, detail, snippet: outcome === 'bad-response' && raw ? snippetOf(raw.toString('latin1')) : null };
}

function plainGet(
  host: string,
  port: number,
  path: string,
  timeoutMs: number,
  signal: AbortSignal | undefined,
  maxBytes: number,
): Promise<HttpAnswer & { silentHangUp: boolean }> {
  const url = `http://${hostForUrl(host)}:${port}${path}`;
  const started = Date.now();
  if (signal?.aborted)
    return Promise.resolve({
      probe: ordered(unanswered(url, 0, { kind: 'aborted' }, { finReceived: false, bytesReceived: 0 }, timeoutMs)),
      body: null,
      silentHangUp: false,
    });
  return new Promise((resolve) => {
    let closed: Promise<void> = Promise.resolve();
    let settled = false;
    let response: http.IncomingMessage | null = null;
    const wire: Wire = { finReceived: false, bytesReceived: 0 };
    const chunks: Buffer[] = [];
    let bodyBytes = 0;
    // Explicit address, own Host header, never an Authorization header. With createConnection and no `agent` option,
    // node:http uses no agent at all (no pooling, no keep-alive); `agent: false` would build one that ignores it.
    const request = http.request({
      host,
      port,
      path,
      method: 'GET',
      setHost: false,
      headers: { Host: `${hostForUrl(host)}:${port}`, Accept: 'application/json, text/html;q=0.9, */*;q=0.1', 'User-Agent': 'clawdoc', Connection: 'close' },
      createConnection: (options) => {
        const socket = net.createConnection(options as net.NetConnectOpts);
        closed = whenClosed(socket);
        return socket;
      },
    });
    const finish = (ending: Ending) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      request.destroy();
      const elapsedMs = Date.now() - started;
      if (response) {
        const body = Buffer.concat(chunks).toString('utf8');
        const probe = ordered(answered(url, elapsedMs, response, body, ending, wire, timeoutMs, maxBytes));
        void closed.then(() => resolve({ probe, body, silentHangUp: false }));
        return;
      }
      const probe = ordered(unanswered(url, elapsedMs, ending, wire, timeoutMs));
      void closed.then(() =>
        resolve({ probe, body: null, silentHangUp: wire.bytesReceived === 0 && (probe.outcome === 'closed' || probe.outcome === 'reset') }),
      );
    };
    const onAbort = () => finish({ kind: 'aborted' });
    signal?.addEventListener('abort', onAbort, { once: true });
    const timer = setTimeout(() => finish({ kind: 'timeout' }), Math.max(0, timeoutMs));
    // Prepended: node:http's own 'end' listener reports the hang-up synchronously, before listeners added after it.
    request.on('socket', (socket: net.Socket) => {
      socket.prependListener('data', (chunk: Buffer) => (wire.bytesReceived += chunk.length));
      socket.prependListener('end', () => (wire.finReceived = true));
    });
    request.on('response', (incoming: http.IncomingMessage) => {
      response = incoming;
      incoming.on('data', (chunk: Buffer) => {
        const room = maxBytes - bodyBytes;
        chunks.push(chunk.length > room ? chunk.subarray(0, room) : chunk);
        bodyBytes += Math.min(chunk.length, room);
        if (chunk.length > room) finish({ kind: 'capped' });
      });
      incoming.on('end', () => finish({ kind: 'complete' }));
      incoming.on('error', (error: HttpError) => finish({ kind: 'error', error }));
      incoming.on('close', () =>
        finish(incoming.complete ? { kind: 'complete' } : { kind: 'error', error: Object.assign(new Error('aborted'), { code: 'ECONNRESET' }) }),
      );
    });
    request.on('error', (error: HttpError) => finish({ kind: 'error', error }));
    request.end();
  });
}
