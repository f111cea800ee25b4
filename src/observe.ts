// Observe and probe: one host snapshot and one round of bounded probes per run, shared by every command.
import type { HostModel } from './model.js';
import type { LiveModel } from './host/live.js';
import { takeSnapshot } from './host/snapshot.js';
import { runProbes } from './probe/run.js';
import { probeTargets } from './probe/targets.js';
import { buildLiveModel } from './host/attribute.js';

export interface ObserveOptions {
  /** Bound of each probe, ms. */
  timeoutMs: number;
  /** Bound of the whole observe + probe stage, ms: partial results are kept when it hits. */
  deadlineMs: number;
}

export async function observeHost(model: HostModel, options: ObserveOptions): Promise<LiveModel> {
  const startedAt = Date.now();
  const lockPids = model.profiles.flatMap((profile) => profile.locks.map((lock) => lock.pid)).filter((pid): pid is number => pid !== null);
  const portsOfInterest = model.profiles.flatMap((profile) => profile.plan.filter((entry) => entry.from === entry.to).map((entry) => entry.from));
  const snapshot = await takeSnapshot({ lockPids, portsOfInterest, timeoutMs: Math.min(options.deadlineMs, Math.max(options.timeoutMs * 2, 3000)) });
  const remaining = Math.max(0, options.deadlineMs - (Date.now() - startedAt));
  const probes = await runProbes(probeTargets(model, snapshot), { timeoutMs: options.timeoutMs, deadlineMs: remaining });
  return buildLiveModel(model, snapshot, probes);
}
