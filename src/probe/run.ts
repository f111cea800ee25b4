// Runs every probe concurrently under a per-probe timeout and one global deadline; never rejects.
import type { BrowserControlProbe, CdpProbe, GatewayProbe, HttpProbe, ProbeResults } from './types.js';
import type { ProbeTarget, ProbeTargets } from './targets.js';
import { probeGateway } from './gateway.js';
import { probeCdp } from './cdp.js';
import { probeBrowserControl } from './control.js';

export interface ProbeOptions {
  timeoutMs: number;
  deadlineMs: number;
}

const CONCURRENCY = 32;

function timedOut(host: string, port: number, path: string): HttpProbe {
  return { url: `http://${host}:${port}${path}`, outcome: 'timeout', status: null, json: null, snippet: null, elapsedMs: 0, detail: 'the run\'s deadline ended this probe' };
}

const FALLBACK = {
  gateway: (target: ProbeTarget): GatewayProbe => ({ ...target, healthz: timedOut(target.host, target.port, '/healthz'), readyz: null, startupz: null, canvas: null, wsChallenge: null, isOpenClaw: false, version: null }),
  cdp: (target: ProbeTarget): CdpProbe => ({ ...target, version: timedOut(target.host, target.port, '/json/version'), isCdp: false, browser: null, protocolVersion: null, tabs: null, detail: 'deadline' }),
  control: (target: ProbeTarget): BrowserControlProbe => ({ ...target, root: timedOut(target.host, target.port, '/') }),
};

interface Job {
  run: () => Promise<void>;
}

async function runPool(jobs: Job[]): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const job = jobs[next++]!;
      await job.run();
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, jobs.length) }, worker));
}

export async function runProbes(targets: ProbeTargets, options: ProbeOptions): Promise<ProbeResults> {
  const results: ProbeResults = { gateways: {}, cdp: {}, control: {}, deadlineHit: false };
  const key = (target: ProbeTarget) => `${target.host}:${target.port}`;
  const jobs: Job[] = [
    ...targets.gateways.map((target) => ({ run: async () => void (results.gateways[key(target)] = await probeGateway(target.host, target.port, options.timeoutMs)) })),
    ...targets.cdp.map((target) => ({ run: async () => void (results.cdp[key(target)] = await probeCdp(target.host, target.port, options.timeoutMs)) })),
    ...targets.control.map((target) => ({ run: async () => void (results.control[key(target)] = await probeBrowserControl(target.host, target.port, options.timeoutMs)) })),
  ];
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<'deadline'>((resolve) => (timer = setTimeout(() => resolve('deadline'), options.deadlineMs)));
  const outcome = await Promise.race([runPool(jobs).then(() => 'done' as const), deadline]);
  clearTimeout(timer);
  if (outcome === 'deadline') {
    results.deadlineHit = true;
    for (const target of targets.gateways) results.gateways[key(target)] ??= FALLBACK.gateway(target);
    for (const target of targets.cdp) results.cdp[key(target)] ??= FALLBACK.cdp(target);
    for (const target of targets.control) results.control[key(target)] ??= FALLBACK.control(target);
  }
  // Probes cut by the deadline may still finish later: the caller gets what was known at the deadline.
  return { gateways: { ...results.gateways }, cdp: { ...results.cdp }, control: { ...results.control }, deadlineHit: results.deadlineHit };
}
