// `clawdoc fix`: prints the host-wide plan; `--apply` runs it (backups, journal, bounded restarts), `--undo` restores the last apply.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { spawn } from 'node:child_process';
import type { CheckContext, Finding } from '../doctor/api.js';
import { runChecks } from '../doctor/run.js';
import { buildFixPlan, type FixPlan, type PlanStep } from '../plan/plan.js';
import { INHERITED_SELECTORS } from '../config/cli-target.js';
import type { CommandLine } from '../fixes/command-line.js';
import { renderCommand } from '../fixes/command-line.js';
import { daemonReloadLine, serviceLine } from '../fixes/command-lines.js';
import type { Profile, ServiceDefinition } from '../model.js';
import { isGatewayUp, type LiveModel } from '../attribute/live.js';
import { fixJson, fixText, type AppliedStep, type FixReport } from '../report/fix.js';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, type Runtime } from '../runtime.js';
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
  const selected = model.invocation.selectedProfile;
  // --profile limits what may change: the plan is decided and proven with every other profile kept as it is.
  // What stays for other profiles is listed too, with the reason: it needs a run without --profile.
  return { plan: buildFixPlan(checkContext, { checks: builtinChecks, mayChange: selected }), checkContext };
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

/**
 * The environment every command runs in: no inherited selector (they beat --profile, OPENCLAW.md section 10; OPENCLAW_SYSTEMD_UNIT
 * would even rename the unit `gateway install` writes), none of the variables the plan's environment step unsets, HOME = --home.
 */
function childEnv(context: Context, plan: FixPlan | null): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = { ...context.runtime.env };
  for (const name of INHERITED_SELECTORS) if (name !== 'OPENCLAW_HOME') delete env[name];
  for (const step of plan?.steps ?? [])
    if (step.kind === 'environment') for (const command of step.commands) for (const name of command.line.argv.slice(1)) delete env[name];
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

/** A gateway an apply restarted: undo restarts it again, the same way, once its files are back. */
interface JournalRestart {
  step: string;
  profile: string;
  /** Through its service manager. */
  service?: Pick<ServiceDefinition, 'manager' | 'name' | 'scope' | 'file'>;
  /** Started by hand: the command that started it again. */
  start?: { argv: string[]; env?: Record<string, string> };
  /** Neither: the `openclaw ... gateway restart` the step ran, run again. */
  command?: { argv: string[]; env?: Record<string, string> };
}

interface Journal {
  createdAt: string;
  home: string;
  openclaw: string;
  steps: Array<AppliedStep & { commands: string[][]; kind?: PlanStep['kind'] }>;
  restarts?: JournalRestart[];
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

/** A hand-started gateway to stop by the pid its lock names and start again, detached, with output to a log in its state dir. */
interface UnmanagedTarget {
  profile: Profile;
  pid: number;
  start: CommandLine;
  /** Where the new process should answer /readyz; unknown ports are not waited for. */
  port: number | undefined;
}

/** True when a lock of `profile` names `pid` and the profile's own state dir: only then is the pid its gateway. */
function locksPid(profile: Profile, pid: number): boolean {
  return profile.locks.some(
    (candidate) => candidate.pid === pid && candidate.stateDir !== null && path.resolve(candidate.stateDir) === path.resolve(profile.stateDir),
  );
}

async function stopAndStart(runtime: Runtime, target: UnmanagedTarget, openclaw: string, env: Record<string, string | undefined>): Promise<string | null> {
  const { pid, profile } = target;
  process.kill(pid, 'SIGTERM');
  if (!(await waitFor(() => !alive(pid), STOP_WAIT_MS))) {
    process.kill(pid, 'SIGKILL');
    if (!(await waitFor(() => !alive(pid), KILL_WAIT_MS))) return `pid ${pid} did not stop after SIGKILL`;
  }
  const logDir = path.join(profile.stateDir, 'logs');
  fs.mkdirSync(logDir, { recursive: true });
  const log = fs.openSync(path.join(logDir, `clawdoc-start-${stampOf(runtime.now())}.log`), 'a');
  const child = spawn(openclaw, target.start.argv.slice(1), { detached: true, stdio: ['ignore', log, log], env: { ...env, ...target.start.env } });
  child.unref();
  fs.closeSync(log);
  const port = target.port;
  // /readyz turns ready seconds after /healthz (OPENCLAW.md section 10); observing before that sees a gateway still starting.
  if (port !== undefined && !(await waitFor(() => answers(port, '/readyz'), START_WAIT_MS)) && !(await answers(port, '/healthz')))
    return `started again (pid ${child.pid}) but /healthz on ${port} does not answer yet`;
  return null;
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
  if (!profile || path.resolve(profile.stateDir) !== path.resolve(stop.stateDir) || !locksPid(profile, stop.pid))
    return `pid ${stop.pid} no longer holds the lock of ${step.profile}'s state dir ${stop.stateDir}; nothing was stopped`;
  const start = step.commands[step.commands.length - 1]!.line;
  const port = plan.changes.find((change) => change.profile === step.profile)?.toPort ?? profile.gatewayPort.port;
  return stopAndStart(context.runtime, { profile, pid: stop.pid, start, port }, openclaw, env);
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
  const env = childEnv(context, plan);
  const stamp = stampOf(runtime.now());
  const journalFile = path.join(journalDir(context), `journal-${stamp}.json`);
  const journal: Journal = { createdAt: runtime.now().toISOString(), home: context.model.invocation.home, openclaw, steps: [], restarts: [] };
  const applied: AppliedStep[] = [];
  const waiting = new Map<string, string>();
  let failed = false;
  for (const step of plan.steps) {
    let outcome: AppliedStep;
    const manualFirst = step.profile !== null ? waiting.get(step.profile) : undefined;
    if (failed) outcome = { id: step.id, status: 'skipped', reason: 'an earlier step failed', backups: [] };
    else if (step.requires === 'operator-shell') outcome = { id: step.id, status: 'skipped', reason: 'run it in your own shell', backups: [] };
    else if (step.requires === 'manual-edit') outcome = { id: step.id, status: 'skipped', reason: 'an edit by hand', backups: [] };
    else if (manualFirst !== undefined) outcome = { id: step.id, status: 'skipped', reason: `it waits for the manual step ${manualFirst}`, backups: [] };
    else if (step.requires === 'restart-unmanaged' && !flags.restartUnmanaged)
      outcome = { id: step.id, status: 'skipped', reason: 'a hand-started gateway: rerun with --restart-unmanaged, or do it yourself', backups: [] };
    else outcome = await runStep(context, step, plan, openclaw, env, stamp);
    if (step.requires === 'manual-edit' && step.profile !== null && !waiting.has(step.profile)) waiting.set(step.profile, step.id);
    failed ||= outcome.status === 'failed';
    applied.push(outcome);
    journal.steps.push({ ...outcome, kind: step.kind, commands: step.commands.map((command) => [...command.line.argv]) });
    const restart = outcome.status === 'done' ? journalRestart(context, step) : null;
    if (restart) journal.restarts!.push(restart);
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

/** What undo needs to restart a gateway the step restarted: its service, or the command that started it by hand. */
function journalRestart(context: Context, step: PlanStep): JournalRestart | null {
  if (step.profile === null) return null;
  if (step.kind === 'restart-unmanaged') {
    const start = step.commands[step.commands.length - 1]!.line;
    return { step: step.id, profile: step.profile, start: { argv: [...start.argv], ...(start.env ? { env: { ...start.env } } : {}) } };
  }
  if (step.kind !== 'restart') return null;
  const argv = step.commands[0]?.line.argv ?? [];
  const profile = context.model.profiles.find((candidate) => candidate.name === step.profile);
  const service = profile?.services.find((candidate) => argv.includes(candidate.name) || argv.some((arg) => arg.endsWith(`/${candidate.name}`)));
  if (!service) {
    const line = step.commands[0]!.line;
    return { step: step.id, profile: step.profile, command: { argv: [...line.argv], ...(line.env ? { env: { ...line.env } } : {}) } };
  }
  return {
    step: step.id,
    profile: step.profile,
    service: { manager: service.manager, name: service.name, file: service.file, ...(service.scope ? { scope: service.scope } : {}) },
  };
}

interface UndoneRestart {
  step: string;
  profile: string;
  status: 'done' | 'skipped' | 'failed';
  reason?: string;
  /** What to run by hand when it was not done. */
  commands?: string[];
}

/** Restarts, through its manager, a service whose gateway the apply restarted; a restored unit file is reloaded first. */
async function restartServiceAgain(context: Context, restart: JournalRestart, restoredFiles: ReadonlySet<string>, env: Record<string, string | undefined>) {
  const service = restart.service!;
  const host = context.model.invocation;
  const lines: CommandLine[] = [];
  if (restoredFiles.has(service.file)) {
    if (service.manager === 'systemd') lines.push(daemonReloadLine(service));
    else
      return {
        status: 'skipped' as const,
        reason: `${service.file} was restored: ${service.manager} reads it only when the service is loaded again`,
        commands: [] as string[],
      };
  }
  lines.push(serviceLine('restart', service, host));
  const texts = lines.map((line) => renderCommand(line, host.platform));
  for (const [index, line] of lines.entries()) {
    const [program, ...args] = line.argv;
    const result = await context.runtime.exec!(program!, args, { env, timeoutMs: COMMAND_TIMEOUT_MS });
    if (result.code !== 0) return { status: 'failed' as const, reason: `\`${texts[index]}\` exited ${result.code}`, commands: texts };
  }
  return { status: 'done' as const, commands: texts };
}

/** Runs an `openclaw ... gateway restart` of the apply again, with the CLI the apply used. */
async function rerunOpenclaw(context: Context, command: NonNullable<JournalRestart['command']>, openclaw: string, env: Record<string, string | undefined>) {
  const line: CommandLine = { argv: command.argv, ...(command.env ? { env: command.env } : {}) };
  const text = renderCommand(line, context.model.invocation.platform);
  if (!fs.existsSync(openclaw)) return { status: 'skipped' as const, reason: `the openclaw CLI the apply used (${openclaw}) is gone`, commands: [text] };
  const result = await context.runtime.exec!(openclaw, command.argv.slice(1), { env: { ...env, ...command.env }, timeoutMs: COMMAND_TIMEOUT_MS });
  return result.code === 0
    ? { status: 'done' as const, commands: [text] }
    : { status: 'failed' as const, reason: `\`${text}\` exited ${result.code}`, commands: [text] };
}

/** Restarts a hand-started gateway the apply had restarted: by the pid its lock names now, only with --restart-unmanaged. */
async function restartUnmanagedAgain(
  context: Context,
  live: LiveModel,
  flags: FixFlags,
  restart: JournalRestart,
  openclaw: string,
  env: Record<string, string | undefined>,
) {
  const profile = context.model.profiles.find((candidate) => candidate.name === restart.profile);
  const start: CommandLine = { argv: restart.start!.argv, ...(restart.start!.env ? { env: restart.start!.env } : {}) };
  const gateway = live.profiles[restart.profile]?.gateway;
  const pid = profile && gateway && isGatewayUp(gateway) && gateway.pid !== null && locksPid(profile, gateway.pid) ? gateway.pid : null;
  const host = context.model.invocation;
  const commands = [...(pid !== null ? [`kill ${pid}`] : []), renderCommand(start, host.platform)];
  if (!profile) return { status: 'failed' as const, reason: `no profile ${restart.profile} on this host any more`, commands };
  if (!flags.restartUnmanaged)
    return { status: 'skipped' as const, reason: 'a hand-started gateway: rerun with --restart-unmanaged, or do it yourself', commands };
  if (!fs.existsSync(openclaw)) return { status: 'skipped' as const, reason: `the openclaw CLI the apply used (${openclaw}) is gone`, commands };
  if (pid === null) return { status: 'skipped' as const, reason: `no live lock of ${profile.stateDir} names a pid: start it yourself`, commands };
  const problem = await stopAndStart(context.runtime, { profile, pid, start, port: profile.gatewayPort.port }, openclaw, env);
  return problem === null ? { status: 'done' as const, commands } : { status: 'failed' as const, reason: problem, commands };
}

/** Restores every file the last apply backed up, then restarts the gateways that apply restarted, the same way. */
async function undo(context: Context, flags: FixFlags): Promise<number> {
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

  // The files changed back: resolve anew, so a restart finds the restored port and the pid the lock names now.
  const fresh = contextFor(context.runtime, context.options);
  const env = childEnv(fresh, null);
  const live = (journal.restarts ?? []).some((restart) => restart.start) ? await observe(fresh) : null;
  const restoredFiles = new Set(restored.map((item) => item.file));
  const restarts: UndoneRestart[] = [];
  for (const restart of journal.restarts ?? []) {
    const outcome =
      restart.service && context.runtime.exec
        ? await restartServiceAgain(fresh, restart, restoredFiles, env)
        : restart.start
          ? await restartUnmanagedAgain(fresh, live!, flags, restart, journal.openclaw, env)
          : restart.command && context.runtime.exec
            ? await rerunOpenclaw(fresh, restart.command, journal.openclaw, env)
            : { status: 'skipped' as const, reason: 'this runtime cannot run commands', commands: [] };
    restarts.push({ step: restart.step, profile: restart.profile, ...outcome });
  }
  // A disabled extra supervisor stays disabled: undo restores files and restarts gateways, it does not bring a duplicate back.
  const kept = journal.steps.filter((step) => step.status === 'done' && step.kind === 'supervisor').map((step) => step.id);
  const failed = restarts.some((item) => item.status === 'failed');
  const code = failed ? EXIT_USAGE : restarts.every((item) => item.status === 'done') ? EXIT_OK : EXIT_FINDINGS;
  if (context.options.json) {
    writeJson(context.runtime, 'fix', code === EXIT_OK, {
      proven: true,
      steps: [],
      changes: [],
      resolved: [],
      manual: [],
      introduced: [],
      undone: { journal: last, restored, restarts, supervisorsLeftDisabled: kept },
    });
  } else {
    const lines = [`Restored ${restored.length} file${restored.length === 1 ? '' : 's'} from ${last}:`];
    for (const item of restored) lines.push(`  ${item.file}${item.backup ? ` ← ${item.backup}` : ' (created by the apply; moved aside)'}`);
    for (const item of restarts) {
      lines.push(
        `${item.status === 'done' ? 'Restarted' : item.status === 'failed' ? 'Failed to restart' : 'Restart by hand:'} ${item.profile} (${item.step})${item.reason ? `: ${item.reason}` : ''}`,
      );
      if (item.status !== 'done') for (const command of item.commands ?? []) lines.push(`  $ ${command}`);
    }
    if (kept.length > 0) lines.push(`Left as applied: ${kept.join(', ')} (extra supervisors stay disabled; enable them by hand if you want them back).`);
    context.runtime.out(lines.join('\n'));
  }
  return code;
}

export async function runFix(context: Context, flags: FixFlags): Promise<number> {
  if (flags.undo) return undo(context, flags);
  const { plan } = await planOf(context);
  if (flags.apply) return apply(context, flags, plan);
  const clean = plan.steps.length === 0 && plan.remainder.length === 0;
  print(context, { plan }, clean);
  return clean ? EXIT_OK : EXIT_FINDINGS;
}
