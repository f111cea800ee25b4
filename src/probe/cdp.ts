// CDP probe: /json/version first (guarded, bounded); chrome-remote-interface only once the port proves it speaks CDP.
import type { CdpProbe } from './types.js';
import { boundedGet } from './http.js';

interface VersionInfo {
  Browser?: unknown;
  'Protocol-Version'?: unknown;
  webSocketDebuggerUrl?: unknown;
}

function withDeadline<T>(promise: Promise<T>, ms: number): Promise<T | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), Math.max(0, ms))));
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

/**
 * Page targets through chrome-remote-interface's List, imported here only: its import sets the process's DNS order to
 * ipv4first, and a 200 with a non-JSON body throws inside its response handler (an uncaught exception), which is why
 * only a port already proven to speak CDP gets here. Its own HTTP timeout is 10 s: ours is the probe's remaining time.
 */
async function countTabs(host: string, port: number, timeoutMs: number): Promise<{ tabs: number | null; detail: string | null }> {
  try {
    const { default: CDP } = await import('chrome-remote-interface');
    const targets: unknown = await withDeadline(CDP.List({ host, port }), timeoutMs);
    if (targets === 'timeout') return { tabs: null, detail: `the target list did not answer within ${timeoutMs} ms` };
    if (!Array.isArray(targets)) return { tabs: null, detail: 'the target list is not a list' };
    return { tabs: targets.filter((target) => (target as { type?: unknown } | null)?.type === 'page').length, detail: null };
  } catch (error) {
    return { tabs: null, detail: `the target list failed: ${(error as Error).message.slice(0, 200)}` };
  }
}

export async function probeCdp(host: string, port: number, timeoutMs: number): Promise<CdpProbe> {
  const started = Date.now();
  const version = await boundedGet(host, port, '/json/version', timeoutMs);
  const info: VersionInfo = version.json !== null && typeof version.json === 'object' && !Array.isArray(version.json) ? version.json : {};
  const isCdp = version.outcome === 'ok' && (typeof info.webSocketDebuggerUrl === 'string' || typeof info['Protocol-Version'] === 'string');
  if (!isCdp) {
    return { port, host, version, isCdp, browser: null, protocolVersion: null, tabs: null, detail: version.detail ?? `/json/version answered ${version.outcome}${version.status !== null ? ` ${version.status}` : ''} without CDP fields` };
  }
  const { tabs, detail } = await countTabs(host, port, timeoutMs - (Date.now() - started));
  return {
    port,
    host,
    version,
    isCdp,
    browser: typeof info.Browser === 'string' ? info.Browser : null,
    protocolVersion: typeof info['Protocol-Version'] === 'string' ? info['Protocol-Version'] : null,
    tabs,
    detail,
  };
}
