// `clawdoc fix`: prints the host-wide plan; `--apply` runs it (backups, journal, bounded restarts), `--undo` restores the last apply.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { spawn } from 'node:child_process';
import type { CheckContext, Finding } from '../doctor/api.js';
import { runChecks } from '../doctor/run.js';
import { buildFixPlan, type FixPlan, type PlanStep } from '../plan/plan.js';
import { SELECTOR_VARS } from '../plan/decide.js';
import { fixJson, fixText, type AppliedStep, type FixReport } from '../report/fix.js';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE } from '../runtime.js';
import { builtinChecks } from '../../checks/index.js';
import { isUnder } from '../paths.js';
import { contextFor, observe, UsageError, writeJson, type Context } from './context.js';

export interface FixFlags {
  apply?: boolean;
  yes?: boolean;
  openclaw?: string;
  restartUnmanaged?: boolean;
  undo?: boolean;
}

const COMMAND_TIMEOUT_MS = 120_000;
// Gateways with Telegram configured sometimes ignore SIGTERM (OPENCLAW.md section 10): wait, then SIGKILL.
const STOP_WAIT_MS = 15_000;
const KILL_WAIT_MS = 5_000;
// The lock is written seconds before the port listens (OPENCLAW.md section 10).
const START_WAIT_MS = 120_000;

async function planOf(context: Context): Promise<{ plan: FixPlan; checkContext: CheckContext }> {
  const live = await observe(context);
  const { model } = context;
  const checkContext: CheckContext = { model, profiles: model.profiles, focus: model.profiles, overlaps: live.overlaps, live };
  const plan = buildFixPlan(checkContext, { checks: builtinChecks });
  const selected = model.invocation.selectedProfile;
  if (selected === null) return { plan, checkContext };
  // --profile narrows what is shown and applied; the plan itself was still decided for the whole host.
  return {
    plan: {
      ...plan,
      steps: plan.steps.filter((step) => step.profile === null || step.profile === selected),
      changes: plan.changes.filter((change) => change.profile === selected),
      remainder: plan.remainder.filter((item) => item.profile === null || item.profile === selected),
    },
    checkContext,
  };
}

function print(context: Context, report: FixReport, ok: boolean): void {
  if (context.options.json) writeJson(context.runtime, 'fix', ok, fixJson(report));
  else context.runtime.out(fixText(report, context.chalk));
}

function findOnPath(env: Readonly<Record<string, string | undefined>>): string | null {
  for (const dir of (env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    const candidate = path.join(dir, 'openclaw');
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch {
      // not here; keep looking
    }
  }
  return null;
}

/** The environment every command runs in: no inherited selector (they beat --profile, OPENCLAW.md section 10), HOME = --home. */
function childEnv(context: Context): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = { ...context.runtime.env };
  for (const name of SELECTOR_VARS) delete env[name];
  if (context.options.home) {
    env.HOME = context.model.invocation.home;
    delete env.OPENCLAW_HOME;
  }
  return env;
}

function stampOf(date: Date): string {
  return date.toISOString().replace(/[:.]/g, '-');
}

/** Files a step may write: a profile's config, a file under its state dir, or one of its service files. */
function mayWrite(context: Context, file: string): boolean {
  return context.model.profiles.some(
    (profile) => profile.configPath === file || isUnder(file, profile.stateDir) || profile.services.some((service) => service.file === file),
  );
}

interface Journal {
  createdAt: string;
  home: string;
  openclaw: string;
  steps: Array<AppliedStep & { commands: string[][] }>;
  undoneAt?: string;
}

function journalDir(context: Context): string {
  return path.join(context.model.invocation.home, '.cache', 'clawdoc');
}

function writeJournal(file: string, journal: Journal): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(journal, null, 2)}\n`);
}

/** Moves a file aside (nothing is deleted) and puts the backup back; a file the step created is only moved aside. */
function restore(backups: AppliedStep['backups'], suffix: string): void {
  for (const { file, backup } of [...backups].reverse()) {
    if (fs.existsSync(file)) fs.renameSync(file, `${file}.clawdoc-${suffix}`);
    if (backup !== null) fs.copyFileSync(backup, file);
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  // A stopped gateway whose parent (a shell, a supervisor) has not reaped it yet is a zombie: it is gone, and its port too.
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true;
  }
}

async function waitFor(check: () => boolean | Promise<boolean>, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return check();
}

/** GET `path` on loopback answers 200 (and, for /readyz, `"ready":true`): credential-free, OPENCLAW.md section 4. */
function answers(port: number, urlPath: '/healthz' | '/readyz'): Promise<boolean> {
  return new Promise((resolve) => {
    const request = http.get({ host: '127.0.0.1', port, path: urlPath, timeout: 2000 }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk.slice(0, 4096)));
      response.on('end', () => resolve(response.statusCode === 200 && (urlPath === '/healthz' || /"ready":\s*true/.test(body))));
    });
    request.on('error', () => resolve(false));
    request.on('timeout', () => {
      request.destroy();
      resolve(false);
    });
  });
}

/** Stops a hand-started gateway by its lock's pid (after checking the lock names its state dir) and starts it again, detached. */
async function restartUnmanaged(
  context: Context,
  step: PlanStep,
  plan: FixPlan,
  openclaw: string,
  env: Record<string, string | undefined>,
): Promise<string | null> {
  const stop = step.stop!;
  const profile = context.model.profiles.find((candidate) => candidate.name === step.profile);
  const lock = profile?.locks.find(
    (candidate) => candidate.pid === stop.pid && candidate.stateDir !== null && path.resolve(candidate.stateDir) === path.resolve(stop.stateDir),
  );
  if (!profile || !lock) return `pid ${stop.pid} no longer holds the lock of ${step.profile}'s state dir ${stop.stateDir}; nothing was stopped`;
  process.kill(stop.pid, 'SIGTERM');
  if (!(await waitFor(() => !alive(stop.pid), STOP_WAIT_MS))) {
    process.kill(stop.pid, 'SIGKILL');
    if (!(await waitFor(() => !alive(stop.pid), KILL_WAIT_MS))) return `pid ${stop.pid} did not stop after SIGKILL`;
  }
  const logDir = path.join(profile.stateDir, 'logs');
  fs.mkdirSync(logDir, { recursive: true });
  const log = fs.openSync(path.join(logDir, `clawdoc-start-${stampOf(context.runtime.now())}.log`), 'a');
  const start = step.commands[step.commands.length - 1]!.line;
  const child = spawn(openclaw, start.argv.slice(1), { detached: true, stdio: ['ignore', log, log], env: { ...env, ...start.env } });
  child.unref();
  fs.closeSync(log);
  const port = plan.changes.find((change) => change.profile === step.profile)?.toPort;
  // /readyz turns ready seconds after /healthz (OPENCLAW.md section 10); observing before that sees a gateway still starting.
  if (port !== undefined && !(await waitFor(() => answers(port, '/readyz'), START_WAIT_MS)) && !(await answers(port, '/healthz')))
    return `started again (pid ${child.pid}) but /healthz on ${port} does not answer yet`;
  return null;
}

async function runStep(
  context: Context,
  step: PlanStep,
  plan: FixPlan,
  openclaw: string,
  env: Record<string, string | undefined>,
  stamp: string,
): Promise<AppliedStep> {
  const backups: AppliedStep['backups'] = [];
  for (const file of step.files) {
    if (!mayWrite(context, file))
      return { id: step.id, status: 'failed', reason: `refusing to write ${file}: it is no profile's config, state dir or service file`, backups };
    if (!fs.existsSync(file)) {
      backups.push({ file, backup: null });
      continue;
    }
    const backup = `${file}.clawdoc-${stamp}.bak`;
    fs.copyFileSync(file, backup, fs.constants.COPYFILE_EXCL);
    backups.push({ file, backup });
  }
  if (step.kind === 'restart-unmanaged') {
    const problem = await restartUnmanaged(context, step, plan, openclaw, env);
    return problem === null ? { id: step.id, status: 'done', backups } : { id: step.id, status: 'failed', reason: problem, backups };
  }
  const exec = context.runtime.exec!;
  for (const command of step.commands) {
    const [program, ...args] = command.line.argv;
    const file = program === 'openclaw' ? openclaw : program!;
    const result = await exec(file, args, { env: { ...env, ...command.line.env }, timeoutMs: COMMAND_TIMEOUT_MS });
    if (result.code !== 0) {
      restore(backups, `failed-${stamp}`);
      const output = (result.stderr || result.stdout).trim().split('\n').slice(-3).join(' ');
      return {
        id: step.id,
        status: 'failed',
        reason: `\`${command.text}\` exited ${result.code}${output ? `: ${output}` : ''}; this step's files were restored`,
        backups,
      };
    }
  }
  return { id: step.id, status: 'done', backups };
}

function seriousAfter(findings: readonly Finding[]) {
  return findings
    .filter((finding) => finding.severity !== 'info')
    .map((finding) => ({ checkId: finding.checkId, profile: finding.profile, message: finding.message }));
}

async function apply(context: Context, flags: FixFlags, plan: FixPlan): Promise<number> {
  const { runtime } = context;
  const report: FixReport = { plan };
  if (plan.steps.length === 0) {
    print(context, report, plan.remainder.length === 0);
    return plan.remainder.length === 0 ? EXIT_OK : EXIT_FINDINGS;
  }
  const openclaw = flags.openclaw ? path.resolve(runtime.cwd, flags.openclaw) : findOnPath(runtime.env);
  if (openclaw === null || !fs.existsSync(openclaw)) {
    print(context, report, false);
    throw new UsageError(
      flags.openclaw
        ? `--openclaw ${flags.openclaw}: no such file`
        : 'fix --apply needs the openclaw CLI: none on PATH; pass --openclaw <path>. The plan is printed above; nothing was changed.',
    );
  }
  if (!flags.yes) {
    if (!runtime.stdinIsTTY || !runtime.confirm) {
      print(context, report, false);
      throw new UsageError('fix --apply asks before changing anything, and there is no terminal to ask on: rerun with --yes to apply without asking');
    }
    if (!context.options.json) runtime.out(fixText(report, context.chalk));
    if (!(await runtime.confirm(`Apply these ${plan.steps.length} steps?`))) {
      runtime.err('Nothing was changed.');
      return EXIT_FINDINGS;
    }
  }
  if (!runtime.exec) throw new Error('this runtime cannot run commands');
  const env = childEnv(context);
  const stamp = stampOf(runtime.now());
  const journalFile = path.join(journalDir(context), `journal-${stamp}.json`);
  const journal: Journal = { createdAt: runtime.now().toISOString(), home: context.model.invocation.home, openclaw, steps: [] };
  const applied: AppliedStep[] = [];
  let failed = false;
  for (const step of plan.steps) {
    let outcome: AppliedStep;
    if (failed) outcome = { id: step.id, status: 'skipped', reason: 'an earlier step failed', backups: [] };
    else if (step.requires === 'operator-shell') outcome = { id: step.id, status: 'skipped', reason: 'run it in your own shell', backups: [] };
    else if (step.requires === 'restart-unmanaged' && !flags.restartUnmanaged)
      outcome = { id: step.id, status: 'skipped', reason: 'a hand-started gateway: rerun with --restart-unmanaged, or do it yourself', backups: [] };
    else outcome = await runStep(context, step, plan, openclaw, env, stamp);
    failed ||= outcome.status === 'failed';
    applied.push(outcome);
    journal.steps.push({ ...outcome, commands: step.commands.map((command) => [...command.line.argv]) });
    writeJournal(journalFile, journal);
  }
  // Observe again from scratch: the files changed, so the model is resolved anew.
  const fresh = contextFor(runtime, context.options);
  const live = await observe(fresh);
  const all: CheckContext = { model: fresh.model, profiles: fresh.model.profiles, focus: fresh.model.profiles, overlaps: live.overlaps, live };
  const after = seriousAfter(runChecks(builtinChecks, all, { only: [], skip: [] }).findings);
  const clean = !failed && after.length === 0 && applied.every((step) => step.status === 'done');
  print(context, { plan, applied, journal: journalFile, after }, clean);
  return failed ? EXIT_USAGE : clean ? EXIT_OK : EXIT_FINDINGS;
}

/** Restores every file the last apply backed up; restarts are not replayed (the text says which to restart). */
function undo(context: Context): number {
  const dir = journalDir(context);
  const files = fs.existsSync(dir)
    ? fs
        .readdirSync(dir)
        .filter((name) => /^journal-.*\.json$/.test(name))
        .sort()
    : [];
  const last = files
    .map((name) => path.join(dir, name))
    .reverse()
    .find((file) => (JSON.parse(fs.readFileSync(file, 'utf8')) as Journal).undoneAt === undefined);
  if (!last) throw new UsageError(`nothing to undo: no journal of an apply in ${dir}`);
  const journal = JSON.parse(fs.readFileSync(last, 'utf8')) as Journal;
  const stamp = stampOf(context.runtime.now());
  const restored: AppliedStep['backups'] = [];
  for (const step of [...journal.steps].reverse()) {
    restore(step.backups, `undo-${stamp}`);
    restored.push(...step.backups);
  }
  journal.undoneAt = context.runtime.now().toISOString();
  writeJournal(last, journal);
  const restarted = journal.steps.filter((step) => step.status === 'done' && step.backups.length === 0).map((step) => step.id);
  if (context.options.json) {
    writeJson(context.runtime, 'fix', true, {
      proven: true,
      steps: [],
      changes: [],
      resolved: [],
      manual: [],
      introduced: [],
      undone: { journal: last, restored, stepsNotReplayed: restarted },
    });
  } else {
    const lines = [`Restored ${restored.length} file${restored.length === 1 ? '' : 's'} from ${last}:`];
    for (const item of restored) lines.push(`  ${item.file}${item.backup ? ` ← ${item.backup}` : ' (created by the apply; moved aside)'}`);
    lines.push('Gateways that were restarted keep running on their new ports until restarted again; run clawdoc doctor --all-profiles.');
    context.runtime.out(lines.join('\n'));
  }
  return EXIT_OK;
}

export async function runFix(context: Context, flags: FixFlags): Promise<number> {
  if (flags.undo) return undo(context);
  const { plan } = await planOf(context);
  if (flags.apply) return apply(context, flags, plan);
  const clean = plan.steps.length === 0 && plan.remainder.length === 0;
  print(context, { plan }, clean);
  return clean ? EXIT_OK : EXIT_FINDINGS;
}
