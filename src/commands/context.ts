// What every command starts from: the typed global options, the resolved model, colour, and the JSON writer.
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

/** A user error: printed as one clear line (or a JSON envelope), exit 2, never a stack trace. */
export class UsageError extends Error {}

export interface Context {
  runtime: Runtime;
  options: GlobalOptions;
  model: HostModel;
  chalk: ReturnType<typeof makeChalk>;
}

function homeFor(runtime: Runtime, homeFlag: string | undefined): string {
  if (homeFlag) return path.resolve(homeFlag);
  const env = runtime.env;
  return env.OPENCLAW_HOME || env.HOME || env.USERPROFILE || runtime.homedir;
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
  };
}

export function contextFor(runtime: Runtime, options: GlobalOptions): Context {
  const invocation = invocationFor(runtime, options);
  const model = resolveHost(invocation, { layout: options.layout ?? null });
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
  return options.deadline ?? Math.max(MIN_DEADLINE_MS, options.timeout * 4);
}

/** Observe, probe and attribute once, within the run's bounds. */
export async function observe(context: Context) {
  return context.runtime.observe(context.model, { timeoutMs: context.options.timeout, deadlineMs: deadlineOf(context.options) });
}
