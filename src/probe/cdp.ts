// CDP probe: /json/version first (guarded, bounded); chrome-remote-interface only once the port proves it speaks CDP.
import type { CdpProbe } from './types.js';
import { boundedGet } from './http.js';

interface VersionInfo {
  Browser?: unknown;
  'Protocol-Version'?: unknown;
  webSocketDebuggerUrl?: unknown;
}

function deadline<T>(promise: Promise<T>, ms: number): Promise<T | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([promise, new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), ms)))]).finally(() => clearTimeout(timer));
}

/** Page targets through chrome-remote-interface, imported lazily: its import sets the process's DNS order. */
async function countTabs(host: string, port: number, timeoutMs: number): Promise<number | null> {
  try {
    const { default: CDP } = await import('chrome-remote-interface');
    const targets = await deadline(CDP.List({ host, port }), timeoutMs);
    if (targets === 'timeout') return null;
    return targets.filter((target) => target.type === 'page').length;
  } catch {
    return null;
  }
}

export async function probeCdp(host: string, port: number, timeoutMs: number): Promise<CdpProbe> {
  const version = await boundedGet(host, port, '/json/version', timeoutMs);
  const info = (version.json && typeof version.json === 'object' ? version.json : {}) as VersionInfo;
  const isCdp = version.outcome === 'ok' && (typeof info.webSocketDebuggerUrl === 'string' || typeof info['Protocol-Version'] === 'string');
  if (!isCdp) {
    return { port, host, version, isCdp, browser: null, protocolVersion: null, tabs: null, detail: version.detail ?? `/json/version answered ${version.outcome}` };
  }
  const tabs = await countTabs(host, port, timeoutMs);
  return {
    port,
    host,
    version,
    isCdp,
    browser: typeof info.Browser === 'string' ? info.Browser : null,
    protocolVersion: typeof info['Protocol-Version'] === 'string' ? info['Protocol-Version'] : null,
    tabs,
    detail: tabs === null ? 'the target list did not answer in time' : null,
  };
}
