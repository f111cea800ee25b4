// Runs every probe concurrently under a per-probe timeout and one global deadline; never rejects.
import type { BrowserControlProbe, CdpProbe, GatewayProbe, HttpProbe, ProbeResults } from './types.js';
import type { ProbeTarget, ProbeTargets } from './targets.js';
import { probeGateway } from './gateway.js';
import { probeCdp } from './cdp.js';
import { probeBrowserControl } from './control.js';
import { hostForUrl } from './http.js';

export interface ProbeOptions {
  /** Bound of each probe, ms. */
  timeoutMs: number;
  /** Bound of the whole round, ms: probes still pending then are reported as timeouts. */
  deadlineMs: number;
}

/** Probes in flight at once: a gateway probe alone opens six connections. */
const CONCURRENCY = 32;
const DEADLINE_DETAIL = "the run's deadline ended this probe";

function timedOut(target: ProbeTarget, path: string): HttpProbe {
  return { url: `http://${hostForUrl(target.host)}:${target.port}${path}`, outcome: 'timeout', status: null, json: null, snippet: null, elapsedMs: 0, detail: DEADLINE_DETAIL };
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
  cdp: (target: ProbeTarget): CdpProbe => ({ ...target, version: timedOut(target, '/json/version'), isCdp: false, browser: null, protocolVersion: null, tabs: null, detail: DEADLINE_DETAIL }),
  control: (target: ProbeTarget): BrowserControlProbe => ({ ...target, root: timedOut(target, '/'), service: null }),
};

const keyOf = (target: ProbeTarget) => `${target.host}:${target.port}`;

export async function runProbes(targets: ProbeTargets, options: ProbeOptions): Promise<ProbeResults> {
  const results: ProbeResults = { gateways: {}, cdp: {}, control: {}, deadlineHit: false };
  let expired = false;
  const jobs: Array<() => Promise<void>> = [
    ...targets.gateways.map((target) => async () => void (results.gateways[keyOf(target)] = await probeGateway(target.host, target.port, options.timeoutMs))),
    ...targets.cdp.map((target) => async () => void (results.cdp[keyOf(target)] = await probeCdp(target.host, target.port, options.timeoutMs))),
    ...targets.control.map((target) => async () => void (results.control[keyOf(target)] = await probeBrowserControl(target.host, target.port, options.timeoutMs))),
  ];
  let next = 0;
  const worker = async () => {
    // After the deadline no new probe starts; those in flight end by their own timeout, unobserved.
    while (!expired && next < jobs.length) await jobs[next++]!().catch(() => undefined);
  };
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), Math.max(0, options.deadlineMs))));
  const workers = Promise.all(Array.from({ length: Math.min(CONCURRENCY, jobs.length) }, worker)).then(() => true as const);
  const finished = await Promise.race([workers, deadline]);
  clearTimeout(timer);
  expired = true;
  const copy: ProbeResults = { gateways: { ...results.gateways }, cdp: { ...results.cdp }, control: { ...results.control }, deadlineHit: !finished };
  for (const target of targets.gateways) copy.gateways[keyOf(target)] ??= CUT_SHORT.gateway(target);
  for (const target of targets.cdp) copy.cdp[keyOf(target)] ??= CUT_SHORT.cdp(target);
  for (const target of targets.control) copy.control[keyOf(target)] ??= CUT_SHORT.control(target);
  return copy;
}
