// `clawdoc baseline`: accept every current finding on purpose, by fingerprint, so later `doctor --baseline` runs hide it.
import fs from 'node:fs';
import path from 'node:path';
import { formatBaseline, makeBaseline, parseBaseline } from '../report/formats/baseline.js';
import { EXIT_OK } from '../runtime.js';
import { visibleLines } from '../report/visible.js';
import { observe, UsageError, writeJson, type Context } from './context.js';
import { evaluate, planDoctor, type DoctorFlags } from './doctor.js';
import { writeFileAtomically } from './format.js';
import { loadUserConfig } from './settings.js';

export interface BaselineFlags extends Omit<DoctorFlags, 'format' | 'baseline' | 'verbose' | 'failOn'> {
  reason?: string;
}

const DEFAULT_BASELINE = 'clawdoc-baseline.json';
const DEFAULT_REASON = 'accepted with clawdoc baseline';

/** --output, else the config's baseline path, else clawdoc-baseline.json in the working directory. */
function targetOf(context: Context, flags: BaselineFlags): string {
  if (flags.output !== undefined) return path.resolve(context.runtime.cwd, flags.output);
  const { config, file } = loadUserConfig(context.runtime, flags.config);
  if (config.baseline !== undefined && file !== null) return path.resolve(path.dirname(file), config.baseline);
  return path.resolve(context.runtime.cwd, DEFAULT_BASELINE);
}

/** Reasons already written for a fingerprint survive a refresh; an unreadable old file is simply replaced. */
function previousReasons(file: string): Map<string, string> {
  try {
    return new Map(parseBaseline(fs.readFileSync(file, 'utf8'), file).findings.map((entry) => [entry.fingerprint, entry.reason]));
  } catch {
    return new Map();
  }
}

export async function runBaselineCommand(context: Context, flags: BaselineFlags): Promise<number> {
  const { runtime, options } = context;
  if (flags.reason !== undefined && flags.reason.trim() === '') throw new UsageError('--reason is empty; say why these findings are accepted');
  const target = targetOf(context, flags);
  // The baseline records every finding at any severity, and never hides through an older baseline.
  const plan = await planDoctor(context, { ...flags, failOn: 'info' }, false);
  const { result } = evaluate(context, plan, await observe(context));
  const reasons = previousReasons(target);
  const fresh = makeBaseline(result.findings, flags.reason ?? DEFAULT_REASON, runtime.now().toISOString());
  const baseline = {
    ...fresh,
    findings: fresh.findings.map((entry) => ({ ...entry, reason: flags.reason ?? reasons.get(entry.fingerprint) ?? entry.reason })),
  };
  try {
    writeFileAtomically(target, formatBaseline(baseline));
  } catch (error) {
    throw new UsageError(`--output ${target}: cannot write it (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  const count = baseline.findings.length;
  if (options.json) writeJson(runtime, 'baseline', true, { file: target, findings: baseline.findings });
  else runtime.out(visibleLines(`wrote ${count} accepted finding${count === 1 ? '' : 's'} to ${target}\nuse it with: clawdoc doctor --baseline ${target}`));
  return EXIT_OK;
}
