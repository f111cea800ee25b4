// What every command starts from: the typed global options, the resolved model, colour, and the JSON writer.
import fs from 'node:fs';
import path from 'node:path';
import type { HostModel, Invocation, LayoutVersion, Profile } from '../model.js';
import { profilesInScope as scopeOf, resolveHost } from '../pipeline.js';
import { isDefaultProfileName, profileNameProblem, DEFAULT_PROFILE } from '../profiles/names.js';
import { makeChalk } from '../report/style.js';
import { envelope, type JsonCommand, type RunStamp } from '../report/envelope.js';
import type { Runtime } from '../runtime.js';

/** The global options as commander parsed them. */
export interface GlobalOptions {
  profile?: string;
  dev?: boolean;
  home?: string;
  json?: boolean;
  color: boolean;
  layout?: LayoutVersion;
  allProfiles?: boolean;
  timeout: number;
  deadline?: number;
}

const MIN_DEADLINE_MS = 5000;
/** Node's timers overflow above 2^31-1 ms (about 24.8 days) and then fire at once. */
export const MAX_TIMER_MS = 2147483647;

/** A user error: printed as one clear line (or a JSON envelope), exit 2, never a stack trace. */
export class UsageError extends Error {}

export interface Context {
  runtime: Runtime;
  options: GlobalOptions;
  model: HostModel;
  chalk: ReturnType<typeof makeChalk>;
}

/** The home to inspect, checked here so a typo is a usage error and not a quiet "no profile found". */
function homeFor(runtime: Runtime, homeFlag: string | undefined): string {
  if (homeFlag !== undefined) return checkedHome(homeFlag === '' ? '' : path.resolve(runtime.cwd, homeFlag), '--home');
  const env = runtime.env;
  const [source, value] = env.OPENCLAW_HOME
    ? ['$OPENCLAW_HOME', env.OPENCLAW_HOME]
    : env.HOME
      ? ['$HOME', env.HOME]
      : env.USERPROFILE
        ? ['$USERPROFILE', env.USERPROFILE]
        : ['the account home', runtime.homedir];
  return checkedHome(value, source);
}

function checkedHome(home: string, source: string): string {
  if (home === '') throw new UsageError(`${source} is empty; give the home directory to inspect, e.g. --home /home/bot`);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(home);
  } catch {
    throw new UsageError(`${source} ${home}: no such directory`);
  }
  if (!stat.isDirectory()) throw new UsageError(`${source} ${home}: not a directory`);
  try {
    fs.accessSync(home, fs.constants.R_OK | fs.constants.X_OK);
  } catch {
    throw new UsageError(`${source} ${home}: cannot read it (permission denied)`);
  }
  return home;
}

/** Edit distance, for "did you mean" lists. */
function levenshtein(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/** Known profiles, closest to `name` first (ties by name), for the error of a mistyped --profile. */
export function closestNames(name: string, known: readonly string[]): string[] {
  return [...known].sort((a, b) => levenshtein(name, a) - levenshtein(name, b) || a.localeCompare(b));
}

/** No command creates a profile, so naming one the host does not have is a typo, not a new profile. */
function assertKnownProfile(model: HostModel, label: string): void {
  const wanted = model.invocation.selectedProfile;
  if (!wanted) return;
  const known = model.profiles.filter((profile) => profile.foundIn.some((where) => where !== 'flag')).map((profile) => profile.name);
  if (known.includes(wanted)) return;
  const list = known.length > 0 ? `known profiles: ${closestNames(wanted, known).join(', ')}` : 'this home has no profiles';
  throw new UsageError(`${label}: no such profile on this host (${list}); \`clawdoc profiles\` lists them`);
}

function selectedProfile(options: GlobalOptions): string | null {
  if (options.dev) return 'dev';
  if (!options.profile) return null;
  const problem = profileNameProblem(options.profile);
  if (problem) throw new UsageError(problem);
  return isDefaultProfileName(options.profile) ? DEFAULT_PROFILE : options.profile;
}

function invocationFor(runtime: Runtime, options: GlobalOptions): Invocation {
  return {
    home: homeFor(runtime, options.home),
    env: runtime.env,
    selectedProfile: selectedProfile(options),
    uid: runtime.uid,
    tmpDir: runtime.tmpDir,
    platform: runtime.platform,
    ...(runtime.systemRoot ? { systemRoot: runtime.systemRoot } : {}),
  };
}

export function contextFor(runtime: Runtime, options: GlobalOptions): Context {
  const invocation = invocationFor(runtime, options);
  const model = resolveHost(invocation, { layout: options.layout ?? null });
  assertKnownProfile(model, options.dev ? '--dev' : `--profile ${options.profile ?? ''}`);
  const chalk = makeChalk({ noColor: !options.color, json: Boolean(options.json), isTTY: runtime.stdoutIsTTY, env: runtime.env });
  return { runtime, options, model, chalk };
}

export function profilesInScope(context: Context): Profile[] {
  return scopeOf(context.model, Boolean(context.options.allProfiles));
}

export function stampOf(runtime: Runtime, command: JsonCommand | null): RunStamp {
  return { command, hostname: runtime.hostname, platform: runtime.platform, generatedAt: runtime.now().toISOString() };
}

/** The command's own fields inside the common envelope, as one JSON document on stdout. */
export function writeJson(runtime: Runtime, command: JsonCommand, ok: boolean, fields: object): void {
  runtime.out(JSON.stringify(envelope(stampOf(runtime, command), ok, fields), null, 2));
}

/** The run's deadline: --deadline, else four probe timeouts, at least 5 s. */
function deadlineOf(options: GlobalOptions): number {
  return options.deadline ?? Math.min(MAX_TIMER_MS, Math.max(MIN_DEADLINE_MS, options.timeout * 4));
}

/** How long the live stage runs before it says so on a terminal: most runs end well before. */
const PROGRESS_AFTER_MS = 1000;

/** True when stderr is a terminal; a runtime without the flag (or a pipe, or CI) gets no progress at all. */
function stderrIsTTY(runtime: Runtime): boolean {
  return runtime.stderrIsTTY === true;
}

/** Observe, probe and attribute once, within the run's bounds; a slow run says what it waits for on a terminal's stderr. */
export async function observe(context: Context) {
  const { runtime, model, options } = context;
  const deadlineMs = deadlineOf(options);
  const timer = stderrIsTTY(runtime)
    ? setTimeout(() => {
        const count = model.profiles.length;
        runtime.err(`clawdoc: probing ${count} profile${count === 1 ? '' : 's'}… (gives up after ${(deadlineMs / 1000).toFixed(1)} s)`);
      }, PROGRESS_AFTER_MS)
    : null;
  timer?.unref();
  try {
    return await runtime.observe(model, { timeoutMs: options.timeout, deadlineMs });
  } finally {
    if (timer) clearTimeout(timer);
  }
}
