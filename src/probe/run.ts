// Runs every probe concurrently under a per-probe timeout and one global deadline that aborts them; never rejects.
import { setMaxListeners } from 'node:events';
import type { BrowserControlProbe, CdpProbe, GatewayProbe, HttpProbe, ProbeResults } from './types.js';
import type { ProbeTarget, ProbeTargets } from './targets.js';
import { probeGateway } from './gateway.js';
import { countTabs, probeCdpVersion } from './cdp.js';
import { probeBrowserControl } from './control.js';
import { DEADLINE_DETAIL, hostForUrl } from './http.js';

export interface ProbeOptions {
  /** Bound of each probe, ms. */
  timeoutMs: number;
  /** Bound of the whole round, ms: probes still pending then are aborted and reported as timeouts. */
  deadlineMs: number;
}

/** Probes in flight at once: a gateway probe alone opens six connections. */
const CONCURRENCY = 32;

function timedOut(target: ProbeTarget, path: string): HttpProbe {
  return {
    url: `http://${hostForUrl(target.host)}:${target.port}${path}`,
    outcome: 'timeout',
    status: null,
    json: null,
    snippet: null,
    elapsedMs: 0,
    detail: DEADLINE_DETAIL,
  };
}

const CUT_SHORT = {
  gateway: (target: ProbeTarget): GatewayProbe => ({
    ...target,
    healthz: timedOut(target, '/healthz'),
    readyz: null,
    startupz: null,
    canvas: null,
    controlUi: null,
    controlUiBuild: null,
    wsChallenge: null,
    wsDetail: null,
    isOpenClaw: false,
    evidence: [],
    version: null,
  }),
  cdp: (target: ProbeTarget): CdpProbe => ({
    ...target,
    version: timedOut(target, '/json/version'),
    isCdp: false,
    browser: null,
    protocolVersion: null,
    tabs: null,
    detail: DEADLINE_DETAIL,
  }),
  control: (target: ProbeTarget): BrowserControlProbe => ({ ...target, root: timedOut(target, '/'), service: null }),
};

const keyOf = (target: ProbeTarget) => `${target.host}:${target.port}`;

/** How long aborted probes get to close their sockets before the round returns anyway. */
const ABORT_GRACE_MS = 500;

/**
 * After the deadline no probe starts, and the probes in flight are aborted through one AbortSignal: each destroys its
 * sockets and clears its timers before it settles, so nothing of the round outlives it. Probes that ended before the
 * deadline keep their results; the rest are reported as cut short by it.
 */
export async function runProbes(targets: ProbeTargets, options: ProbeOptions): Promise<ProbeResults> {
  const results: ProbeResults = { gateways: {}, cdp: {}, control: {}, deadlineHit: false };
  const controller = new AbortController();
  const { signal } = controller;
  // Every socket in flight listens for the one deadline signal: many concurrent probes are expected, not a leak.
  setMaxListeners(0, signal);
  const { timeoutMs } = options;
  const jobs: Array<() => Promise<void>> = [
    ...targets.gateways.map((target) => async () => {
      const probe = await probeGateway(target.host, target.port, timeoutMs, signal);
      if (!signal.aborted) results.gateways[keyOf(target)] = probe;
    }),
    ...targets.cdp.map((target) => async () => {
      const probe = await probeCdpVersion(target.host, target.port, timeoutMs, signal);
      if (!signal.aborted) results.cdp[keyOf(target)] = probe;
    }),
    ...targets.control.map((target) => async () => {
      const probe = await probeBrowserControl(target.host, target.port, timeoutMs, signal);
      if (!signal.aborted) results.control[keyOf(target)] = probe;
    }),
  ];
  let next = 0;
  const worker = async () => {
    while (!signal.aborted && next < jobs.length) await jobs[next++]!().catch(() => undefined);
  };
  const deadline = setTimeout(() => controller.abort(), Math.max(0, options.deadlineMs));
  const probed = Promise.all(Array.from({ length: Math.min(CONCURRENCY, jobs.length) }, worker));
  // The ports that proved CDP get their target lists read together, by one bounded child (countTabs).
  const workers = probed.then(async () => {
    const proven = Object.values(results.cdp).filter((probe) => probe.isCdp);
    const counts = await countTabs(proven, timeoutMs, signal);
    if (!signal.aborted) for (const probe of proven) Object.assign(probe, counts.get(keyOf(probe)));
  });
  await Promise.race([workers, new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }))]);
  clearTimeout(deadline);
  if (signal.aborted) {
    let grace: NodeJS.Timeout | undefined;
    await Promise.race([workers, new Promise<void>((resolve) => (grace = setTimeout(resolve, ABORT_GRACE_MS)))]);
    clearTimeout(grace);
  }
  const copy: ProbeResults = { gateways: { ...results.gateways }, cdp: { ...results.cdp }, control: { ...results.control }, deadlineHit: signal.aborted };
  for (const target of targets.gateways) copy.gateways[keyOf(target)] ??= CUT_SHORT.gateway(target);
  for (const target of targets.cdp) copy.cdp[keyOf(target)] ??= CUT_SHORT.cdp(target);
  // A CDP port whose list the deadline cut short says so, rather than nothing.
  for (const [key, probe] of Object.entries(copy.cdp))
    if (probe.isCdp && probe.tabs === null && probe.detail === null) copy.cdp[key] = { ...probe, detail: DEADLINE_DETAIL };
  for (const target of targets.control) copy.control[keyOf(target)] ??= CUT_SHORT.control(target);
  return copy;
}
