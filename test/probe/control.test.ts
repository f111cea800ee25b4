// probeBrowserControl: what answers GET / on a control or relay port, classified as 2026.9.6 was measured to answer (hostile ones: hostile.test.ts).
import { afterEach, describe, expect, it } from 'vitest';
import { probeBrowserControl } from '../../src/probe/control.js';
import { closeServers, httpServer } from './servers.js';

const TIMEOUT = 400;
afterEach(closeServers);

function answering(status: number, type: string, body: string): Promise<number> {
  return httpServer((_request, response) => {
    response.writeHead(status, { 'content-type': type });
    response.end(body);
  });
}

describe('probeBrowserControl', () => {
  it.each([
    ['the browser control service (Express, 401 text)', 401, 'text/html; charset=utf-8', 'Unauthorized', 'browser-control'],
    ['the extension relay (401 JSON)', 401, 'application/json', '{"error":"Unauthorized"}', 'extension-relay'],
    ["a gateway's control UI", 200, 'text/html', '<html><title>OpenClaw Control</title></html>', 'openclaw-gateway'],
    ['anything else', 200, 'text/plain', 'hello', 'other'],
  ] as const)('%s', async (_name, status, type, body, service) => {
    const port = await answering(status, type, body);
    const probe = await probeBrowserControl('127.0.0.1', port, TIMEOUT);
    expect([probe.root.status, probe.service]).toEqual([status, service]);
  });
});
