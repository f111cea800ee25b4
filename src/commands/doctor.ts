// `clawdoc doctor`: every selected check over one observation, in the chosen format, and the exit code of what they found.
import path from 'node:path';
import { checkHost, planOf } from '../pipeline.js';
import type { DoctorResult } from '../doctor/result.js';
import { builtinChecks } from '../../checks/index.js';
import { assertUniqueIds, loadPlugins, PluginError } from '../doctor/plugins.js';
import type { Check, Severity } from '../doctor/api.js';
import type { LiveModel } from '../attribute/live.js';
import type { CheckSelection } from '../doctor/run.js';
import { nothingFound } from '../report/profiles.js';
import { doctorJson, doctorText } from '../report/doctor.js';
import { envelope } from '../report/envelope.js';
import { makeChalk } from '../report/style.js';
import { exitCode } from '../report/exit-code.js';
import { applyBaseline, type BaselineFile, type BaselineResult } from '../report/formats/baseline.js';
import { applySeverityOverrides, type SeverityOverride } from '../report/formats/user-config.js';
import type { ReportFinding } from '../report/formats/input.js';
import { visible, visibleAll, visibleLines } from '../report/visible.js';
import { EXIT_OK } from '../runtime.js';
import { observe, profilesInScope, stampOf, UsageError, type Context } from './context.js';
import { renderMachineFormat, reportInputOf, withFingerprints, writeFileAtomically, type OutputFormat, type ReportedResult, type RunTimes } from './format.js';
import { loadBaseline, loadUserConfig } from './settings.js';

export interface DoctorFlags {
  only: string[];
  skip: string[];
  /** Absent when not given, so the user config's `failOn` can apply. */
  failOn?: Severity;
  verbose?: boolean;
  plugin: string[];
  format?: OutputFormat;
  output?: string;
  baseline?: string;
  config?: string;
}

export async function allChecks(pluginSpecifiers: readonly string[], cwd: string): Promise<Check[]> {
  try {
    const checks = [...builtinChecks, ...(await loadPlugins(pluginSpecifiers, cwd))];
    assertUniqueIds(checks);
    return checks;
  } catch (error) {
    if (error instanceof PluginError) throw new UsageError(error.message);
    throw error;
  }
}

function assertKnownIds(checks: readonly Check[], patterns: readonly string[], flag: string): void {
  for (const pattern of patterns) {
    const bare = pattern.replace(/\/$/, '');
    if (!checks.some((check) => check.id === bare || check.id.startsWith(`${bare}/`))) {
      throw new UsageError(`${flag} ${pattern}: no such check; \`clawdoc checks\` lists them`);
    }
  }
}

/** What a doctor run decides before it looks at the host: checks, selection, threshold, overrides, baseline. */
export interface DoctorPlan {
  checks: Check[];
  selection: CheckSelection;
  failOn: Severity;
  overrides: Record<string, SeverityOverride>;
  baseline: { file: string; accepted: BaselineFile } | null;
}

/** The flags merged over the user config (flags win; --skip adds to the config's skip list). */
export async function planDoctor(context: Context, flags: DoctorFlags, useBaseline = true): Promise<DoctorPlan> {
  const { runtime } = context;
  const { config, file: configFile } = loadUserConfig(runtime, flags.config);
  const checks = await allChecks(flags.plugin, runtime.cwd);
  assertKnownIds(checks, flags.only, '--only');
  assertKnownIds(checks, flags.skip, '--skip');
  const baselineFile = !useBaseline
    ? null
    : flags.baseline !== undefined
      ? path.resolve(runtime.cwd, flags.baseline)
      : config.baseline !== undefined && configFile !== null
        ? path.resolve(path.dirname(configFile), config.baseline)
        : null;
  return {
    checks,
    selection: { only: flags.only, skip: [...(config.skip ?? []), ...flags.skip] },
    failOn: flags.failOn ?? config.failOn ?? 'error',
    overrides: config.severity ?? {},
    baseline: baselineFile === null ? null : { file: baselineFile, accepted: loadBaseline(baselineFile) },
  };
}

export interface Evaluation {
  /** The result as reported: overridden severities, baselined findings hidden, exit code of what is left. */
  result: ReportedResult;
  /** The result as the checks gave it: what the fix plan starts from. */
  checked: DoctorResult;
  baseline: (Omit<BaselineResult<ReportFinding>, 'kept'> & { file: string }) | null;
}

/** Runs the checks over one observation and applies the user's overrides and baseline. */
export function evaluate(context: Context, plan: DoctorPlan, live: LiveModel): Evaluation {
  const raw = checkHost(context.model, profilesInScope(context), live, { checks: plan.checks, selection: plan.selection, failOn: plan.failOn });
  const fingerprinted = withFingerprints(raw);
  const overridden = applySeverityOverrides(fingerprinted.findings, plan.overrides);
  const applied = plan.baseline ? applyBaseline(overridden, plan.baseline.accepted) : null;
  const findings = applied ? applied.kept : overridden;
  return {
    result: { ...fingerprinted, findings, exitCode: exitCode(findings, plan.failOn) },
    checked: raw,
    baseline: applied && plan.baseline ? { file: plan.baseline.file, hidden: applied.hidden, gone: applied.gone } : null,
  };
}

/** The stderr note about accepted findings that no longer occur, so a stale baseline gets pruned. */
export function goneWarning(baseline: Evaluation['baseline']): string | null {
  if (!baseline || baseline.gone.length === 0) return null;
  const items = baseline.gone.map((entry) => `  - ${entry.checkId}${entry.profile ? ` (${entry.profile})` : ''} ${entry.fingerprint}`);
  const count = baseline.gone.length;
  return [
    `clawdoc: baseline ${baseline.file}: ${count} accepted finding${count === 1 ? ' is' : 's are'} gone (fixed, or changed enough to be new); run \`clawdoc baseline\` to refresh it:`,
    ...items,
  ].join('\n');
}

function baselineJson(baseline: Evaluation['baseline']): object {
  if (!baseline) return {};
  return {
    baseline: {
      file: baseline.file,
      hidden: baseline.hidden.map((finding) => finding.fingerprint),
      gone: baseline.gone,
    },
  };
}

/** The report of one evaluation in `format`, as the text to print or write. */
export function renderReport(context: Context, format: OutputFormat, evaluation: Evaluation, times: RunTimes, verbose: boolean): string {
  const { runtime, chalk } = context;
  const { result } = evaluation;
  if (format === 'json') {
    const stamp = { ...stampOf(runtime, 'doctor'), generatedAt: times.endedAt.toISOString() };
    return JSON.stringify(
      envelope(stamp, result.exitCode === 0, { ...doctorJson(result, planOf(evaluation.checked)), ...baselineJson(evaluation.baseline) }),
      null,
      2,
    );
  }
  if (format === 'text') {
    const hidden = evaluation.baseline?.hidden.length ?? 0;
    const footer = [`${runtime.hostname} · ${times.endedAt.toISOString()}`, ...(hidden > 0 ? [`${hidden} accepted in the baseline, not shown`] : [])].join(
      ' · ',
    );
    return `${doctorText(...visibleAll([result, planOf(evaluation.checked)] as const), chalk, verbose)}\n${chalk.dim(visible(footer))}`;
  }
  return renderMachineFormat(format, reportInputOf(result, runtime, times));
}

/** Prints the report, or writes it to --output (then stdout stays empty). */
export function emitReport(context: Context, text: string, output: string | undefined): void {
  if (output === undefined) {
    context.runtime.out(text);
    return;
  }
  const file = path.resolve(context.runtime.cwd, output);
  try {
    writeFileAtomically(file, text);
  } catch (error) {
    throw new UsageError(`--output ${file}: cannot write it (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
}

export function formatOf(context: Context, flags: { format?: OutputFormat }): OutputFormat {
  if (context.options.json && flags.format !== undefined && flags.format !== 'json') {
    throw new UsageError(`--json and --format ${flags.format} disagree; --json is --format json, so give one of them`);
  }
  return flags.format ?? (context.options.json ? 'json' : 'text');
}

/** A file gets no colour codes, whatever the terminal is. */
export function forOutput(context: Context, output: string | undefined): Context {
  if (output === undefined) return context;
  return { ...context, chalk: makeChalk({ noColor: true, json: false, isTTY: false, env: context.runtime.env }) };
}

export async function runDoctorCommand(given: Context, flags: DoctorFlags): Promise<number> {
  const context = forOutput(given, flags.output);
  const { runtime, model } = context;
  const format = formatOf(context, flags);
  const startedAt = runtime.now();
  const plan = await planDoctor(context, flags);
  if (profilesInScope(context).length === 0 && format === 'text' && flags.output === undefined) {
    runtime.out(nothingFound(visibleAll(model)));
    return EXIT_OK;
  }
  const live = await observe(context);
  const evaluation = evaluate(context, plan, live);
  const times = { startedAt, endedAt: runtime.now() };
  emitReport(context, renderReport(context, format, evaluation, times, Boolean(flags.verbose)), flags.output);
  const warning = format === 'json' ? null : goneWarning(evaluation.baseline);
  if (warning) runtime.err(visibleLines(warning));
  return evaluation.result.exitCode;
}
