// CDP probe: /json/version, then /json/list only on a port that proved it speaks CDP; both bounded GETs, no CDP client.
import type { CdpProbe, HttpProbe } from './types.js';
import { boundedGet, DEADLINE_DETAIL } from './http.js';

/** A browser with a few hundred tabs lists well under this; past it the list is cut and not counted. */
export const MAX_LIST_BYTES = 1024 * 1024;

interface VersionInfo {
  Browser?: unknown;
  'Protocol-Version'?: unknown;
  webSocketDebuggerUrl?: unknown;
}

/** Page targets in the `/json/list` answer, or why it could not be counted. */
function countPages(list: HttpProbe, timeoutMs: number): { tabs: number | null; detail: string | null } {
  if (list.outcome === 'timeout' && list.status === null && list.detail !== DEADLINE_DETAIL)
    return { tabs: null, detail: `the target list did not answer within ${timeoutMs} ms` };
  if (list.outcome === 'http-error') return { tabs: null, detail: `the target list failed: HTTP ${list.status}` };
  if (list.outcome !== 'ok') return { tabs: null, detail: `the target list failed: ${list.detail ?? list.outcome}` };
  if (!Array.isArray(list.json))
    return { tabs: null, detail: list.detail ? `the target list is not a JSON list (${list.detail})` : 'the target list is not a JSON list' };
  return { tabs: list.json.filter((target) => (target as { type?: unknown } | null)?.type === 'page').length, detail: null };
}

/**
 * `/json/version`, then `/json/list`, both through boundedGet. chrome-remote-interface's `Version`/`List` are not
 * used (read in its 0.34 code): their request takes no signal, agent or socket from the caller, its 10 s timeout is
 * an idle timeout that a byte a second resets forever, and the body grows in one string without a cap (a huge body
 * throws RangeError inside its data handler, an uncaught exception). A deadline around its promise cannot close that
 * socket, so the process would stay alive after the probe. Nothing here needs a CDP session, so no CDP client runs.
 */
export async function probeCdp(host: string, port: number, timeoutMs: number, signal?: AbortSignal): Promise<CdpProbe> {
  const started = Date.now();
  const version = await boundedGet(host, port, '/json/version', timeoutMs, signal);
  const info: VersionInfo = version.json !== null && typeof version.json === 'object' && !Array.isArray(version.json) ? version.json : {};
  const isCdp = version.outcome === 'ok' && (typeof info.webSocketDebuggerUrl === 'string' || typeof info['Protocol-Version'] === 'string');
  if (!isCdp) {
    return {
      port,
      host,
      version,
      isCdp,
      browser: null,
      protocolVersion: null,
      tabs: null,
      detail: version.detail ?? `/json/version answered ${version.outcome}${version.status !== null ? ` ${version.status}` : ''} without CDP fields`,
    };
  }
  const remaining = Math.max(0, timeoutMs - (Date.now() - started));
  const list = await boundedGet(host, port, '/json/list', remaining, signal, MAX_LIST_BYTES);
  const { tabs, detail } = countPages(list, remaining);
  return {
    port,
    host,
    version,
    isCdp,
    browser: typeof info.Browser === 'string' ? info.Browser : null,
    protocolVersion: typeof info['Protocol-Version'] === 'string' ? info['Protocol-Version'] : null,
    tabs,
    detail,
    list,
  };
}
