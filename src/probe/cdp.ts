// CDP probe: /json/version by a bounded GET; the target lists of the ports that proved CDP by chrome-remote-interface, in one bounded child.
import type { CdpProbe } from './types.js';
import { ChildFailure, inChildProcess, moduleUrl } from '../child-process.js';
import { boundedGet, DEADLINE_DETAIL } from './http.js';

/** The reader's heap: a few hundred tabs list in well under a MiB; a body past this ends the reader, not clawdoc. */
const LIST_READER_HEAP_MB = 64;
/** The reader answers this long before the parent would kill it, so the lists it finished are kept. */
const ANSWER_MARGIN_MS = 100;

interface VersionInfo {
  Browser?: unknown;
  'Protocol-Version'?: unknown;
  webSocketDebuggerUrl?: unknown;
}

type ListFailure = 'http-error' | 'unreadable' | 'not-a-list' | 'network' | 'unanswered';
/** What the reader prints per port: the page count, or why the list could not be counted (never the body itself). */
type ListAnswer = { pages: number } | { failed: ListFailure; code?: string };

export interface CdpEndpoint {
  host: string;
  port: number;
}

/**
 * chrome-remote-interface rejects a non-200 answer with the body as its message, and throws a non-JSON (or too long)
 * body from inside its response handler: an uncaught exception that names no port (LIBRARIES.md). Each list ends at
 * most once, so when the lists that settled plus those exceptions cover every port, the ports still pending are the
 * unreadable ones. At `answerAt` (epoch ms) the reader prints what it has.
 */
function readerScript(endpoints: readonly CdpEndpoint[], answerAt: number): string {
  return `const { default: CDP } = await import(${JSON.stringify(moduleUrl('chrome-remote-interface'))});
const endpoints = ${JSON.stringify(endpoints)};
const answers = {};
let unreadable = 0;
const answer = () => {
  const pendingAreUnreadable = Object.keys(answers).length + unreadable >= endpoints.length;
  for (const { host, port } of endpoints) answers[host + ':' + port] ??= { failed: pendingAreUnreadable ? 'unreadable' : 'unanswered' };
  process.stdout.write(JSON.stringify(answers));
  process.exit(0);
};
const settled = () => { if (Object.keys(answers).length + unreadable >= endpoints.length) answer(); };
process.on('uncaughtException', () => {
  unreadable += 1;
  settled();
});
setTimeout(answer, Math.max(0, ${answerAt} - Date.now()));
for (const { host, port } of endpoints) {
  CDP.List({ host, port }).then(
    (targets) => { answers[host + ':' + port] = Array.isArray(targets) ? { pages: targets.filter((target) => target?.type === 'page').length } : { failed: 'not-a-list' }; settled(); },
    (error) => { answers[host + ':' + port] = typeof error?.code === 'string' ? { failed: 'network', code: error.code } : { failed: 'http-error' }; settled(); },
  );
}`;
}

const LIST_FAILURES: Record<ListFailure, string> = {
  'http-error': 'the target list failed: the browser answered an error',
  unreadable: 'the target list is not readable JSON',
  'not-a-list': 'the target list is not a JSON list',
  network: 'the target list failed',
  unanswered: 'the target list did not answer',
};

export interface TabCount {
  tabs: number | null;
  detail: string | null;
}

const keyOf = (endpoint: CdpEndpoint) => `${endpoint.host}:${endpoint.port}`;

function countOf(answer: ListAnswer | undefined, timeoutMs: number): TabCount {
  if (answer !== undefined && 'pages' in answer && typeof answer.pages === 'number') return { tabs: answer.pages, detail: null };
  const failed = answer !== undefined && 'failed' in answer && answer.failed in LIST_FAILURES ? answer : { failed: 'unanswered' as const };
  const code = failed.failed === 'network' && 'code' in failed && failed.code ? `: ${failed.code.replace(/[^A-Za-z0-9_]/g, '')}` : '';
  const within = failed.failed === 'unanswered' ? ` within ${timeoutMs} ms` : '';
  return { tabs: null, detail: `${LIST_FAILURES[failed.failed]}${code}${within}` };
}

/**
 * Page targets of every endpoint, from chrome-remote-interface's `List`, whose 0.34 request takes no signal or socket
 * from the caller, has an idle timeout a byte a second resets forever, and grows the body in one string without a cap.
 * So it runs in one child process with a heap limit, killed at `timeoutMs` or the run's deadline: nothing of it can
 * outlive the round or grow clawdoc's memory. Keyed `host:port`.
 */
export async function countTabs(endpoints: readonly CdpEndpoint[], timeoutMs: number, signal?: AbortSignal): Promise<Map<string, TabCount>> {
  const counts = new Map<string, TabCount>();
  if (endpoints.length === 0) return counts;
  try {
    const script = readerScript(endpoints, Date.now() + timeoutMs - ANSWER_MARGIN_MS);
    const answers = await inChildProcess<Record<string, ListAnswer>>(script, timeoutMs, 'the target list reader', { signal, maxHeapMb: LIST_READER_HEAP_MB });
    for (const endpoint of endpoints) counts.set(keyOf(endpoint), countOf(answers[keyOf(endpoint)], timeoutMs));
  } catch (error) {
    const failure = error instanceof ChildFailure ? error : new ChildFailure(String(error), 'failed');
    const detail =
      failure.reason === 'aborted'
        ? DEADLINE_DETAIL
        : failure.reason === 'timeout'
          ? `the target list did not answer within ${timeoutMs} ms`
          : `the target list could not be read (${failure.message.replace(/^the target list reader /, '')})`;
    for (const endpoint of endpoints) counts.set(keyOf(endpoint), { tabs: null, detail });
  }
  return counts;
}

/** `/json/version` through boundedGet: only a port that proves it speaks CDP has its target list read (countTabs). */
export async function probeCdpVersion(host: string, port: number, timeoutMs: number, signal?: AbortSignal): Promise<CdpProbe> {
  const version = await boundedGet(host, port, '/json/version', timeoutMs, signal);
  const info: VersionInfo = version.json !== null && typeof version.json === 'object' && !Array.isArray(version.json) ? version.json : {};
  const isCdp = version.outcome === 'ok' && (typeof info.webSocketDebuggerUrl === 'string' || typeof info['Protocol-Version'] === 'string');
  return {
    port,
    host,
    version,
    isCdp,
    browser: isCdp && typeof info.Browser === 'string' ? info.Browser : null,
    protocolVersion: isCdp && typeof info['Protocol-Version'] === 'string' ? info['Protocol-Version'] : null,
    tabs: null,
    detail: isCdp
      ? null
      : (version.detail ?? `/json/version answered ${version.outcome}${version.status !== null ? ` ${version.status}` : ''} without CDP fields`),
  };
}

/** One port: its version, then, when it speaks CDP, its tab count. */
export async function probeCdp(host: string, port: number, timeoutMs: number, signal?: AbortSignal): Promise<CdpProbe> {
  const probe = await probeCdpVersion(host, port, timeoutMs, signal);
  if (!probe.isCdp) return probe;
  const count = (await countTabs([{ host, port }], timeoutMs, signal)).get(keyOf({ host, port }))!;
  return { ...probe, ...count };
}
