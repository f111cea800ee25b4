// `clawdoc watch`: the doctor on an interval, printing only what changed and rewriting --output each tick.
import fs from 'node:fs';
import path from 'node:path';
import type { HostModel } from '../model.js';
import { resolveHost } from '../pipeline.js';
import type { ReportFinding } from '../report/formats/input.js';
import { EXIT_OK } from '../runtime.js';
import { visible, visibleLines } from '../report/visible.js';
import { observe, UsageError, type Context } from './context.js';
import { emitReport, evaluate, forOutput, formatOf, goneWarning, planDoctor, renderReport, type DoctorFlags } from './doctor.js';

export interface WatchFlags extends DoctorFlags {
  /** Milliseconds between the end of one tick and the start of the next. */
  interval: number;
  /** Stop after this many ticks (for tests and benchmarks); forever when absent. */
  ticks?: number;
}

/** What the loop waits with and stops on; tests pass a sleep that returns at once and their own signal. */
export interface WatchControls {
  sleep(ms: number, signal: AbortSignal): Promise<void>;
  /** Aborted on SIGINT/SIGTERM by default. */
  signal?: AbortSignal;
  /** Called after each tick with its number, for tests and the memory benchmark. */
  onTick?(tick: number): void;
}

function realSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

/** `30s`, `5m`, `1h`, `1500ms` or a bare number of seconds, as milliseconds. */
export function parseInterval(value: string): number | null {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(value.trim());
  if (!match) return null;
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[(match[2] ?? 's') as 'ms' | 's' | 'm' | 'h'];
  return Math.round(Number(match[1]) * unit);
}

function statOf(file: string): string {
  try {
    const stat = fs.statSync(file);
    return `${file}\t${stat.mtimeMs}\t${stat.size}`;
  } catch {
    return `${file}\tmissing`;
  }
}

function homeEntries(home: string): string[] {
  try {
    return fs.readdirSync(home).filter((name) => name.startsWith('.openclaw') || name === '.clawdbot');
  } catch {
    return [];
  }
}

/**
 * What the model was read from: configs and their includes, service units, lock files, the dirs
 * discovery listed, and the home's .openclaw* entries. Any change means resolving the model again;
 * otherwise a tick costs one snapshot and one round of probes.
 */
function modelInputsStamp(model: HostModel): string {
  const files = new Set<string>(model.searched.filter((entry) => !entry.includes('*')));
  for (const profile of model.profiles) {
    files.add(profile.configPath);
    for (const file of profile.configFiles) files.add(file);
    for (const service of profile.services) {
      files.add(service.file);
      files.add(path.dirname(service.file));
    }
    for (const lock of profile.locks) files.add(lock.file);
  }
  const home = model.invocation.home;
  for (const name of homeEntries(home)) files.add(path.join(home, name));
  return [...files].sort().map(statOf).join('\n');
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

function describe(finding: ReportFinding): string {
  return `${finding.severity} ${finding.checkId}${finding.profile ? ` (${finding.profile})` : ''}: ${finding.message}`;
}

/** Findings that appeared and disappeared between two ticks, by fingerprint. */
function changesBetween(before: ReadonlyMap<string, ReportFinding>, after: ReadonlyMap<string, ReportFinding>): string[] {
  const appeared = [...after.entries()].filter(([key]) => !before.has(key)).map(([, finding]) => `+ ${describe(finding)}`);
  const gone = [...before.entries()].filter(([key]) => !after.has(key)).map(([, finding]) => `- ${describe(finding)}`);
  return [...appeared, ...gone];
}

function stopOnSignals(): { signal: AbortSignal; release(): void } {
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return {
    signal: controller.signal,
    release: () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
    },
  };
}

export async function runWatchCommand(given: Context, flags: WatchFlags, controls: Partial<WatchControls> = {}): Promise<number> {
  const format = formatOf(given, flags);
  if (given.options.json) throw new UsageError('watch prints what changes as text; write JSON each tick with --format json --output <file>');
  if (format !== 'text' && flags.output === undefined) throw new UsageError(`watch --format ${format} needs --output <file>, rewritten each tick`);
  const base = forOutput(given, flags.output);
  const { runtime } = base;
  const plan = await planDoctor(base, flags);
  const signals = controls.signal ? null : stopOnSignals();
  const signal = controls.signal ?? signals!.signal;
  const sleep = controls.sleep ?? realSleep;
  let model = base.model;
  let stamp = modelInputsStamp(model);
  let previous = new Map<string, ReportFinding>();
  try {
    for (let tick = 1; !signal.aborted && (flags.ticks === undefined || tick <= flags.ticks); tick += 1) {
      if (tick > 1) {
        const now = modelInputsStamp(model);
        if (now !== stamp) {
          model = resolveHost(model.invocation, { layout: base.options.layout ?? null });
          stamp = modelInputsStamp(model);
        }
      }
      const context = { ...base, model };
      const startedAt = runtime.now();
      const evaluation = evaluate(context, plan, await observe(context));
      const times = { startedAt, endedAt: runtime.now() };
      if (flags.output !== undefined) emitReport(context, renderReport(context, format, evaluation, times, Boolean(flags.verbose)), flags.output);
      const current = new Map(evaluation.result.findings.map((finding) => [finding.fingerprint, finding]));
      const changes = changesBetween(previous, current);
      // A stale baseline is said once, not every tick.
      const stale = tick === 1 ? goneWarning(evaluation.baseline) : null;
      if (stale) runtime.err(visibleLines(stale));
      if (tick === 1)
        runtime.out(
          `clawdoc watch · ${plural(context.model.profiles.length, 'profile')} · ${plural(current.size, 'finding')} · ${times.endedAt.toISOString()}`,
        );
      if (changes.length > 0) runtime.out(changes.map((line) => visible(tick === 1 ? line : `${times.endedAt.toISOString()} ${line}`)).join('\n'));
      previous = current;
      controls.onTick?.(tick);
      if (flags.ticks !== undefined && tick >= flags.ticks) break;
      await sleep(flags.interval, signal);
    }
  } finally {
    signals?.release();
  }
  return EXIT_OK;
}
