// The pipeline: discover → resolve → observe → probe → attribute → check, and the programmatic API over it.
import os from 'node:os';
import path from 'node:path';
import type { HostModel, Invocation, LayoutVersion, Profile, StrayDir } from './model.js';
import type { LiveModel } from './attribute/live.js';
import type { Check, Severity } from './doctor/api.js';
import type { DoctorResult, PlanView } from './doctor/result.js';
import { buildFixPlan } from './plan/plan.js';
import { discoverProfiles, type DiscoveredProfile } from './profiles/discover.js';
import { resolveProfile } from './config/resolve-profile.js';
import { decideLayout, findCliOnPath, findInstalledOpenClaw } from './ports/layout.js';
import { findOverlaps } from './ports/overlaps.js';
import { realPathOf } from './real-path.js';
import { profilePaths } from './paths.js';
import { registerPathGuard } from './fixes/commands.js';
import { takeSnapshot } from './host/snapshot.js';
import { runProbes } from './probe/run.js';
import { probeTargets } from './probe/targets.js';
import { buildLiveModel } from './attribute/attribute.js';
import { runChecks, selectedCheckIds, type CheckSelection } from './doctor/run.js';
import { exitCode } from './report/exit-code.js';
import { DEFAULT_PROFILE } from './profiles/names.js';
import { builtinChecks } from '../checks/index.js';

export type { DoctorResult };

// --- discover + resolve -------------------------------------------------------------------------

function resolveSafely(discovered: DiscoveredProfile, invocation: Invocation, layout: HostModel['layout']): Profile {
  try {
    return resolveProfile(discovered, invocation, layout);
  } catch (error) {
    // A profile that cannot be resolved still appears, with the reason, so the others are checked.
    const fallback = resolveProfile({ ...discovered, configPathOverride: '/nonexistent/clawdoc-unresolvable' }, invocation, layout);
    return { ...fallback, problems: [{ severity: 'error', message: `could not resolve this profile: ${(error as Error).message}` }] };
  }
}

function realPathsOf(profiles: readonly Profile[], strayDirs: readonly StrayDir[]): Record<string, string> {
  const realPaths: Record<string, string> = {};
  for (const profile of profiles) {
    for (const file of profilePaths(profile)) if (!(file in realPaths)) realPaths[file] = realPathOf(file);
  }
  for (const stray of strayDirs) if (!(stray.path in realPaths)) realPaths[stray.path] = realPathOf(stray.path);
  return realPaths;
}

/** Discover every profile of the invocation's home and resolve its config, paths and port plan. */
export function resolveHost(invocation: Invocation, options: { layout: LayoutVersion | null }): HostModel {
  const discovery = discoverProfiles(invocation);
  const release = findInstalledOpenClaw(invocation, discovery.services);
  const layout = decideLayout(options.layout, release);
  // A profile follows the release its own service runs (item: release per profile); the host's otherwise.
  const layoutOf = (profile: DiscoveredProfile): HostModel['layout'] => {
    const own = options.layout ? null : (profile.services.find((service) => service.isGateway && service.release)?.release ?? null);
    return own && own.packageJson !== release?.packageJson ? decideLayout(null, own) : layout;
  };
  const profiles = discovery.profiles.map((profile) => resolveSafely(profile, invocation, layoutOf(profile)));
  const realPaths = realPathsOf(profiles, discovery.strayDirs);
  // Fix helpers get this invocation as their host: with the guard they refuse other profiles' real files.
  registerPathGuard(invocation, { profiles, realPaths });
  return {
    invocation,
    release,
    cliRelease: findCliOnPath(invocation),
    layout,
    profiles,
    notes: discovery.notes,
    strayDirs: discovery.strayDirs,
    searched: discovery.searched,
    realPaths,
    overlaps: findOverlaps(profiles),
  };
}

// --- observe + probe + attribute ----------------------------------------------------------------

export interface ObserveOptions {
  /** Bound of each probe, ms. */
  timeoutMs: number;
  /** Bound of the whole observe + probe stage, ms: partial results are kept when it hits. */
  deadlineMs: number;
}

/** One socket snapshot and one round of bounded probes, joined with the model into owners and states. */
export async function observeHost(model: HostModel, options: ObserveOptions): Promise<LiveModel> {
  const startedAt = Date.now();
  const lockPids = model.profiles.flatMap((profile) => profile.locks.map((lock) => lock.pid)).filter((pid): pid is number => pid !== null);
  const portsOfInterest = model.profiles.flatMap((profile) => profile.plan.filter((entry) => entry.from === entry.to).map((entry) => entry.from));
  const snapshot = await takeSnapshot({ lockPids, portsOfInterest, timeoutMs: Math.min(options.deadlineMs, Math.max(options.timeoutMs * 2, 3000)) });
  const remaining = Math.max(0, options.deadlineMs - (Date.now() - startedAt));
  const probes = await runProbes(probeTargets(model, snapshot), { timeoutMs: options.timeoutMs, deadlineMs: remaining });
  return buildLiveModel(model, snapshot, probes);
}

// --- check --------------------------------------------------------------------------------------

export interface CheckOptions {
  checks: readonly Check[];
  selection: CheckSelection;
  failOn: Severity;
}

/** Every selected check over one frozen context, and the exit code of what they found. */
export function checkHost(model: HostModel, focus: readonly Profile[], live: LiveModel, options: CheckOptions): DoctorResult {
  const selected = selectedCheckIds(options.checks, options.selection, model.layout.version);
  const context = Object.freeze({ model, profiles: model.profiles, focus, overlaps: live.overlaps, live, selected });
  const run = runChecks(options.checks, context, options.selection);
  return {
    model,
    live,
    focus,
    checks: options.checks,
    checksRun: run.checksRun,
    findings: run.findings,
    exitCode: exitCode(run.findings, options.failOn),
    failOn: options.failOn,
  };
}

// --- plan ---------------------------------------------------------------------------------------

/**
 * The host-wide `clawdoc fix` plan of a check run, as the doctor shows it: only reports that print commands need it
 * (it costs one more run of every check over a simulated host). With every check over every profile, the run's own
 * findings are the plan's start.
 */
export function planOf(result: DoctorResult): PlanView {
  const { model, live, checks } = result;
  const complete = result.checksRun.length === checks.length && result.focus.length === model.profiles.length;
  const context = { model, profiles: model.profiles, focus: model.profiles, overlaps: live.overlaps, live };
  const plan = buildFixPlan(context, { checks, ...(complete ? { before: result.findings } : {}) });
  return {
    steps: plan.steps.map((step) => ({ id: step.id, why: step.why, commands: step.commands.map((command) => command.text) })),
    stepsByFinding: plan.stepsByFinding,
  };
}

/** The profiles a command is about: all of them, else the selected (or env-selected, or default) one. */
export function profilesInScope(model: HostModel, allProfiles: boolean): Profile[] {
  if (allProfiles) return model.profiles;
  const wanted = model.invocation.selectedProfile;
  if (wanted) return model.profiles.filter((profile) => profile.name === wanted);
  const envSelected = model.profiles.find((profile) => profile.envSelected);
  if (envSelected) return [envSelected];
  const fallback = model.profiles.find((profile) => profile.name === DEFAULT_PROFILE);
  return fallback ? [fallback] : model.profiles.slice(0, 1);
}

// --- programmatic API ---------------------------------------------------------------------------

export interface InspectOptions {
  /** The home to inspect; default OPENCLAW_HOME, else HOME, else the OS home. */
  home?: string;
  /** The environment OpenClaw would see; default process.env. */
  env?: Readonly<Record<string, string | undefined>>;
  /** The profile single-profile views are about (`--profile`). */
  profile?: string | null;
  layout?: LayoutVersion | null;
}

export function invocationOf(options: InspectOptions = {}): Invocation {
  const env = options.env ?? process.env;
  return {
    home: options.home ? path.resolve(options.home) : env.OPENCLAW_HOME || env.HOME || env.USERPROFILE || os.homedir(),
    env,
    selectedProfile: options.profile ?? null,
    uid: process.getuid?.() ?? 0,
    tmpDir: os.tmpdir(),
    platform: process.platform,
  };
}

/** The static model of a host: its profiles, configs and port plans (nothing observed, nothing probed). */
export function inspectHost(options: InspectOptions = {}): HostModel {
  return resolveHost(invocationOf(options), { layout: options.layout ?? null });
}

export interface RunDoctorOptions extends InspectOptions, Partial<ObserveOptions> {
  /** Check every profile (default) or only the selected one. */
  allProfiles?: boolean;
  /** Built-in checks by default; add plugins with `[...builtinChecks, myCheck]`. */
  checks?: readonly Check[];
  only?: readonly string[];
  skip?: readonly string[];
  failOn?: Severity;
}

/** The whole doctor: resolve, observe, probe, attribute and check, as `clawdoc doctor --all-profiles` does. */
export async function runDoctor(options: RunDoctorOptions = {}): Promise<DoctorResult> {
  const model = inspectHost(options);
  const timeoutMs = options.timeoutMs ?? 1500;
  const live = await observeHost(model, { timeoutMs, deadlineMs: options.deadlineMs ?? Math.max(5000, timeoutMs * 4) });
  const focus = profilesInScope(model, options.allProfiles ?? true);
  return checkHost(model, focus, live, {
    checks: options.checks ?? builtinChecks,
    selection: { only: options.only ?? [], skip: options.skip ?? [] },
    failOn: options.failOn ?? 'error',
  });
}
