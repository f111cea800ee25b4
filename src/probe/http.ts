// One bounded HTTP GET over a raw socket: hard deadline, capped body, no credentials, no redirects, never throws.
import net from 'node:net';
import tls from 'node:tls';
import type { HttpProbe, ProbeOutcome } from './types.js';
import { redact } from '../redact.js';

export const MAX_BODY_BYTES = 64 * 1024;
const SNIPPET_CHARS = 200;
// A TLS server answers plain HTTP with an alert record (0x15) or a handshake (0x16), version 3.x.
const TLS_RECORD = /^[\x15\x16]\x03[\x00-\x04]/;

export function hostForUrl(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

function parseResponse(buffer: Buffer): RawResponse | 'incomplete' | 'not-http' {
  const text = buffer.toString('latin1');
  if (!text.startsWith('HTTP/')) return text.length >= 5 || !'HTTP/'.startsWith(text) ? 'not-http' : 'incomplete';
  const end = text.indexOf('\r\n\r\n');
  if (end === -1) return 'incomplete';
  const [statusLine, ...headerLines] = text.slice(0, end).split('\r\n');
  const status = Number(/^HTTP\/\d(?:\.\d)? (\d{3})/.exec(statusLine ?? '')?.[1]);
  if (!Number.isInteger(status)) return 'not-http';
  const headers: Record<string, string> = {};
  for (const line of headerLines) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  let body = buffer.subarray(Buffer.byteLength(text.slice(0, end + 4), 'latin1'));
  if (headers['transfer-encoding']?.toLowerCase() === 'chunked') body = dechunk(body);
  const length = Number(headers['content-length']);
  if (Number.isInteger(length) && body.length > length) body = body.subarray(0, length);
  return { status, headers, body: body.toString('utf8') };
}

function dechunk(body: Buffer): Buffer {
  const parts: Buffer[] = [];
  let offset = 0;
  while (offset < body.length) {
    const lineEnd = body.indexOf('\r\n', offset);
    if (lineEnd === -1) break;
    const size = Number.parseInt(body.subarray(offset, lineEnd).toString('latin1'), 16);
    if (!Number.isFinite(size) || size <= 0) break;
    parts.push(body.subarray(lineEnd + 2, lineEnd + 2 + size));
    offset = lineEnd + 2 + size + 2;
  }
  return Buffer.concat(parts);
}

function isComplete(buffer: Buffer): boolean {
  const parsed = parseResponse(buffer);
  if (parsed === 'incomplete' || parsed === 'not-http') return false;
  const length = Number(parsed.headers['content-length']);
  if (Number.isInteger(length)) return Buffer.byteLength(parsed.body) >= length;
  if (parsed.headers['transfer-encoding']?.toLowerCase() === 'chunked') return buffer.includes('\r\n0\r\n\r\n');
  return false;
}

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return null;
  }
}

function snippetOf(body: string): string | null {
  const trimmed = body.trim();
  if (trimmed === '') return null;
  return redact(trimmed.slice(0, SNIPPET_CHARS).replace(/[^\x20-\x7e]/g, '.'));
}

/** True when the port completes a TLS handshake (certificates are not checked; nothing is sent after it). */
export function speaksTls(host: string, port: number, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = tls.connect({ host, port, rejectUnauthorized: false, ...(net.isIP(host) ? {} : { servername: host }) });
    const finish = (result: boolean) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(result);
    };
    const timer = setTimeout(() => finish(false), timeoutMs);
    socket.once('secureConnect', () => finish(true));
    socket.once('error', () => finish(false));
    socket.once('close', () => finish(false));
  });
}

/** A plain-HTTP GET; a port that hangs up on it without a byte is asked once more whether it speaks TLS. */
export async function boundedGet(host: string, port: number, path: string, timeoutMs: number): Promise<HttpProbe> {
  const started = Date.now();
  const probe = await plainGet(host, port, path, timeoutMs);
  if (probe.outcome !== 'closed' && probe.outcome !== 'reset') return probe;
  const remaining = timeoutMs - (Date.now() - started);
  if (remaining > 0 && (await speaksTls(host, port, remaining))) {
    return { ...probe, outcome: 'tls', elapsedMs: Date.now() - started, detail: 'the port speaks TLS, not plain HTTP' };
  }
  return probe;
}

function plainGet(host: string, port: number, path: string, timeoutMs: number): Promise<HttpProbe> {
  const url = `http://${hostForUrl(host)}:${port}${path}`;
  const started = Date.now();
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let received = 0;
    let settled = false;
    const socket = net.connect({ host, port });
    const finish = (outcome: ProbeOutcome, detail: string | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      const buffer = Buffer.concat(chunks);
      const parsed = buffer.length > 0 ? parseResponse(buffer) : 'incomplete';
      const elapsedMs = Date.now() - started;
      if (typeof parsed === 'object') {
        const json = parseJson(parsed.body);
        const finalOutcome: ProbeOutcome = outcome !== 'ok' && outcome !== 'closed' ? outcome : parsed.status >= 200 && parsed.status < 300 ? (json === null && parsed.headers['content-type']?.includes('json') ? 'bad-response' : 'ok') : 'http-error';
        const location = parsed.status >= 300 && parsed.status < 400 && parsed.headers.location ? `redirects to ${redact(parsed.headers.location)} (not followed)` : null;
        resolve({ url, outcome: finalOutcome, status: parsed.status, json, snippet: json === null ? snippetOf(parsed.body) : null, elapsedMs, detail: location ?? detail });
        return;
      }
      if (parsed === 'not-http') {
        const tls = TLS_RECORD.test(buffer.toString('latin1'));
        resolve({ url, outcome: tls ? 'tls' : 'bad-response', status: null, json: null, snippet: tls ? null : snippetOf(buffer.toString('latin1')), elapsedMs, detail: tls ? 'the port speaks TLS, not plain HTTP' : 'the answer is not HTTP' });
        return;
      }
      resolve({ url, outcome: buffer.length > 0 && outcome === 'closed' ? 'bad-response' : outcome, status: null, json: null, snippet: null, elapsedMs, detail });
    };
    const timer = setTimeout(() => finish('timeout', `no complete answer within ${timeoutMs} ms`), timeoutMs);
    socket.on('connect', () => {
      socket.write(`GET ${path} HTTP/1.1\r\nHost: ${hostForUrl(host)}:${port}\r\nAccept: application/json, text/html;q=0.9\r\nUser-Agent: clawdoc\r\nConnection: close\r\n\r\n`);
    });
    socket.on('data', (chunk: Buffer) => {
      received += chunk.length;
      chunks.push(chunk);
      if (received > MAX_BODY_BYTES) finish('ok', `answer cut at ${MAX_BODY_BYTES} bytes`);
      else if (isComplete(Buffer.concat(chunks))) finish('ok', null);
    });
    socket.on('end', () => finish('closed', 'the server closed the connection'));
    socket.on('close', () => finish('closed', 'the server closed the connection'));
    socket.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ECONNREFUSED') finish('refused', 'nothing accepts connections there');
      else if (error.code === 'ECONNRESET' || error.code === 'EPIPE') finish('reset', 'the server reset the connection');
      else finish('error', error.code ?? error.message);
    });
  });
}
