// CDP probe: /json/version by a bounded GET, then the target list by chrome-remote-interface, only on a port that proved it speaks CDP.
import type { CdpProbe } from './types.js';
import { ChildFailure, inChildProcess, moduleUrl } from '../child-process.js';
import { boundedGet, DEADLINE_DETAIL } from './http.js';

/** The target-list reader's heap: a few hundred tabs list in well under a MiB; a body past this ends the reader, not clawdoc. */
const LIST_READER_HEAP_MB = 64;

interface VersionInfo {
  Browser?: unknown;
  'Protocol-Version'?: unknown;
  webSocketDebuggerUrl?: unknown;
}

/** What the reader child prints: the page count, or why the list could not be counted (never the body itself). */
type ListAnswer = { pages: number } | { failed: 'http-error' | 'not-json' | 'not-a-list' | 'network'; code?: string };

// chrome-remote-interface rejects a non-200 answer with the body as message, and throws a non-JSON body from inside its
// response handler (an uncaught exception, LIBRARIES.md): both are caught here and reduced to a reason.
function listScript(host: string, port: number): string {
  return `const { default: CDP } = await import(${JSON.stringify(moduleUrl('chrome-remote-interface'))});
const answer = (value) => { process.stdout.write(JSON.stringify(value)); process.exit(0); };
process.on('uncaughtException', (error) => answer(error instanceof SyntaxError ? { failed: 'not-json' } : { failed: 'network', code: String(error.code ?? error.name) }));
try {
  const targets = await CDP.List({ host: ${JSON.stringify(host)}, port: ${port} });
  answer(Array.isArray(targets) ? { pages: targets.filter((target) => target?.type === 'page').length } : { failed: 'not-a-list' });
} catch (error) {
  answer(typeof error.code === 'string' ? { failed: 'network', code: error.code } : error instanceof SyntaxError ? { failed: 'not-json' } : { failed: 'http-error' });
}`;
}

const LIST_FAILURES: Record<Exclude<ListAnswer, { pages: number }>['failed'], string> = {
  'http-error': 'the target list failed: the browser answered an error',
  'not-json': 'the target list is not JSON',
  'not-a-list': 'the target list is not a JSON list',
  network: 'the target list failed',
};

/** Page targets from chrome-remote-interface's `List`, run in a child bounded by time, heap and the run's deadline. */
async function countPages(host: string, port: number, timeoutMs: number, signal?: AbortSignal): Promise<{ tabs: number | null; detail: string | null }> {
  try {
    const answer = await inChildProcess<ListAnswer>(listScript(host, port), timeoutMs, 'the target list', { signal, maxHeapMb: LIST_READER_HEAP_MB });
    if ('pages' in answer && typeof answer.pages === 'number') return { tabs: answer.pages, detail: null };
    const failed = 'failed' in answer ? answer : { failed: 'network' as const };
    const code = failed.failed === 'network' && failed.code ? `: ${failed.code.replace(/[^A-Za-z0-9_]/g, '')}` : '';
    return { tabs: null, detail: `${LIST_FAILURES[failed.failed] ?? LIST_FAILURES.network}${code}` };
  } catch (error) {
    const failure = error instanceof ChildFailure ? error : new ChildFailure(String(error), 'failed');
    if (failure.reason === 'aborted') return { tabs: null, detail: DEADLINE_DETAIL };
    if (failure.reason === 'timeout') return { tabs: null, detail: `the target list did not answer within ${timeoutMs} ms` };
    return { tabs: null, detail: `the target list could not be read (${failure.message.replace(/^the target list /, '')})` };
  }
}

/**
 * `/json/version` through boundedGet first: only a port that proves it speaks CDP reaches chrome-remote-interface, whose
 * 0.34 request takes no signal or socket from the caller, has an idle timeout a byte a second resets forever, and
 * grows the body in one string without a cap. So its `List` runs in a child process with a heap limit, killed at the
 * probe's timeout or the run's deadline: nothing of it can outlive the probe or grow clawdoc's memory.
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
  const { tabs, detail } = await countPages(host, port, remaining, signal);
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
