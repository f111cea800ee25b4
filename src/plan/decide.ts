// Which profiles change and to what, decided together: bases, explicit CDP ports, webhooks, shared paths.
import path from 'node:path';
import type { CheckContext, Finding } from '../doctor/api.js';
import type { PortPlanEntry, PortSource, Profile, ServiceDefinition } from '../model.js';
import { isGatewayUp, type GatewayStatus } from '../attribute/live.js';
import { activeGatewayServices, rankSupervisors } from '../doctor/supervisors.js';
import { assertNotOthersPath, guardConfigWrite } from '../fixes/path-guard.js';
import { UnsafeCommandValue } from '../fixes/command-line.js';
import { canonicalServiceName } from '../fixes/commands.js';
import { instanceReach, localPortOf, RECOMMENDED_SPACING } from '../ports/plan.js';
import { DEFAULT_PROFILE } from '../profiles/names.js';

const SOURCE_STRENGTH: Record<PortSource, number> = { flag: 4, env: 3, config: 2, 'profile-hash': 1, default: 0 };
const STEP = 10;
const LOWEST_BASE = 1024;
const HIGHEST_PORT = 65535;
// Fixed webhook defaults (OPENCLAW.md section 3): a moved webhook never lands on another channel's default.
const WEBHOOK_DEFAULTS = new Set([8787, 3978, 8788]);
// Env variables that beat `--profile` in the invoking shell (OPENCLAW.md section 10).
const SELECTOR_VARS = ['OPENCLAW_PROFILE', 'OPENCLAW_STATE_DIR', 'OPENCLAW_CONFIG_PATH', 'OPENCLAW_GATEWAY_PORT'] as const;
export const OAUTH_DIR_VAR = 'OPENCLAW_OAUTH_DIR';

/**
 * A profile that stops sharing its OAuth dir: OPENCLAW_OAUTH_DIR goes, so OpenClaw falls back to `<stateDir>/credentials`.
 * `service`: `gateway install --force` rewrites its service without it; `manual`: the operator removes it from `files`.
 */
interface OauthMove {
  from: string;
  to: string;
  via: 'service' | 'manual';
  /** The files the variable is set in (the service's and its environment files, or `<stateDir>/.env`). */
  files: string[];
  reason: string;
}

export interface Edit {
  profile: Profile;
  /** Where the gateway runs or would start today (the live lock's port, else the configured one). */
  currentBase: number;
  running: boolean;
  healthy: boolean;
  /** New base port when the profile moves. */
  base: number | null;
  /** gateway.port pinned without a move: a drifted or hash-default port written down where it is. */
  pin: number | null;
  cdpPorts: Map<string, number>;
  /** `browser.cdpUrl` / `browser.profiles.<n>.cdpUrl` rewritten to a new port. */
  cdpUrls: Map<string, string>;
  webhooks: Map<string, number>;
  paths: Map<string, string>;
  /** Channel credentials shared with a profile that keeps them: manual (a new bot token cannot be made here). */
  credentials: string[];
  /** Extra supervisors to disable (services/duplicate-supervisor's `evidence.extra`). */
  disable: ServiceDefinition[];
  oauth: OauthMove | null;
}

export interface Decision {
  edits: Edit[];
  unsetEnv: string[];
}

/** The service that supervises the profile once its extras are disabled: the first of the rest in the shared ranking. */
export function keptService(context: CheckContext, edit: Pick<Edit, 'profile' | 'disable'>): ServiceDefinition | null {
  const disabled = new Set(edit.disable.map((service) => service.file));
  const rest = activeGatewayServices(edit.profile).filter((service) => !disabled.has(service.file));
  return rankSupervisors({ ...edit.profile, services: rest }, context.live.profiles[edit.profile.name]?.gateway)?.keep ?? null;
}

/** Why `gateway install --force` cannot rewrite the kept service, or null when it can. */
export function rewriteBlocker(profile: Profile, service: ServiceDefinition): string | null {
  // 2026.9.6 writes the unit its own --profile names (resolveSystemdServiceName, resolveLaunchAgentLabel) in user scope.
  const canonical = canonicalServiceName(service.manager, profile.openclawName);
  if (profile.origin.kind !== 'own')
    return `${profile.name} is a second identity of ${profile.openclawName}: \`--profile ${profile.openclawName} gateway install\` would write that profile's service`;
  if (service.scope === 'system')
    return `${service.name} is a system unit; \`gateway install\` writes user units and refuses while a system unit owns the gateway`;
  if (service.name !== canonical)
    return `${profile.name}'s gateway is supervised by ${service.name}, not ${canonical}, the service \`gateway install --force\` writes: it would add a second supervisor`;
  return null;
}

function isMisplaced(profile: Profile, gateway: GatewayStatus | undefined): boolean {
  return gateway !== undefined && isGatewayUp(gateway) && gateway.portSource === 'lock' && gateway.port !== profile.gatewayPort.port;
}

/**
 * 0 keeps first: running, then stopped; among running ones the one on its configured port, then the healthy one; then
 * the stronger port source, default, name. Profiles `fix --profile X` may not change come first of all.
 */
function keepOrder(context: CheckContext, mayChange: string | null): (a: Profile, b: Profile) => number {
  const gatewayOf = (profile: Profile) => context.live.profiles[profile.name]?.gateway;
  const tier = (profile: Profile) => {
    if (mayChange !== null && profile.name !== mayChange) return -1;
    const gateway = gatewayOf(profile);
    return gateway && isGatewayUp(gateway) ? 0 : 2;
  };
  // A gateway running where its config does not put it (`--port`, a drift) is the misplaced one; health comes after,
  // since a slow /healthz on a loaded host must not make a healthy gateway the one that moves.
  const misplaced = (profile: Profile) => Number(isMisplaced(profile, gatewayOf(profile)));
  const unhealthy = (profile: Profile) => Number(gatewayOf(profile)?.state !== 'running');
  return (a, b) =>
    tier(a) - tier(b) ||
    misplaced(a) - misplaced(b) ||
    unhealthy(a) - unhealthy(b) ||
    SOURCE_STRENGTH[b.gatewayPort.source] - SOURCE_STRENGTH[a.gatewayPort.source] ||
    Number(b.name === DEFAULT_PROFILE) - Number(a.name === DEFAULT_PROFILE) ||
    (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
}

/** Ports as a bitmap: `taken` for planned ports and listeners, `bases` for base ports kept so far. */
class PortMap {
  readonly taken = new Uint8Array(HIGHEST_PORT + 1);
  readonly bases = new Uint8Array(HIGHEST_PORT + 1);
  mark(from: number, to: number): void {
    for (let port = Math.max(0, from); port <= Math.min(HIGHEST_PORT, to); port += 1) this.taken[port] = 1;
  }
  anyTaken(from: number, to: number): boolean {
    if (from < 0 || to > HIGHEST_PORT) return true;
    for (let port = from; port <= to; port += 1) if (this.taken[port]) return true;
    return false;
  }
  baseNear(base: number): boolean {
    for (let port = Math.max(0, base - RECOMMENDED_SPACING + 1); port <= Math.min(HIGHEST_PORT, base + RECOMMENDED_SPACING - 1); port += 1) {
      if (this.bases[port]) return true;
    }
    return false;
  }
}

function livePlan(context: CheckContext, profile: Profile): PortPlanEntry[] {
  return context.live.profiles[profile.name]?.plan ?? profile.plan;
}

/** Listeners that are not this profile's own gateway or Chrome. */
function foreignListenerPorts(context: CheckContext, profile: Profile): number[] {
  const ownPids = new Set<number>();
  const live = context.live.profiles[profile.name];
  if (live?.gateway.pid !== null && live?.gateway.pid !== undefined && isGatewayUp(live.gateway)) ownPids.add(live.gateway.pid);
  for (const status of live?.ports ?? []) for (const owner of status.owners) if (owner.profile === profile.name && owner.pid !== null) ownPids.add(owner.pid);
  return context.live.snapshot.listeners.filter((listener) => listener.pid === null || !ownPids.has(listener.pid)).map((listener) => listener.port);
}

/** Ports other processes hold on the host, plus the derived range of every OpenClaw gateway that belongs to no profile here. */
function foreignReservations(context: CheckContext, reach: number): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  const profileNames = new Set(context.profiles.map((profile) => profile.name));
  const ownedByProfiles = new Set<number>();
  for (const live of Object.values(context.live.profiles)) {
    if (live.gateway.pid !== null && isGatewayUp(live.gateway)) ownedByProfiles.add(live.gateway.pid);
    for (const status of live.ports)
      for (const owner of status.owners) if (owner.profile && profileNames.has(owner.profile) && owner.pid !== null) ownedByProfiles.add(owner.pid);
  }
  for (const listener of context.live.snapshot.listeners) {
    if (listener.pid !== null && ownedByProfiles.has(listener.pid)) continue;
    const info = listener.pid !== null ? context.live.snapshot.processes[listener.pid] : undefined;
    const foreignGateway = info !== undefined && (info.name === 'openclaw-gateway' || info.command.startsWith('openclaw-gateway'));
    ranges.push([listener.port, foreignGateway ? listener.port + reach : listener.port]);
  }
  return ranges;
}

function derivedEntries(plan: readonly PortPlanEntry[]): PortPlanEntry[] {
  return plan.filter((entry) => entry.derived);
}

/** Candidates around `around` in steps of 10, nearest first, upward before downward. */
function* candidatesNear(around: number, reach: number): Generator<number> {
  const start = around;
  for (let k = 1; k * STEP <= HIGHEST_PORT; k += 1) {
    for (const base of [start + k * STEP, start - k * STEP]) if (base >= LOWEST_BASE && base + reach <= HIGHEST_PORT) yield base;
  }
}

function markPlan(map: PortMap, plan: readonly PortPlanEntry[]): void {
  for (const entry of plan) map.mark(entry.from, entry.to);
}

function shift(plan: readonly PortPlanEntry[], delta: number): PortPlanEntry[] {
  return plan.map((entry) => (entry.derived ? { ...entry, from: entry.from + delta, to: entry.to + delta } : entry));
}

/** The dir a path key of `profile` takes when it stops sharing: under its own state dir. */
function ownPath(profile: Profile, key: string): string {
  if (key === 'agents.defaults.workspace') return path.join(profile.stateDir, 'workspace');
  if (key === 'logging.file') return path.join(profile.stateDir, 'logs', 'gateway.log');
  return path.join(profile.stateDir, 'sessions', 'sessions.json');
}

function real(context: CheckContext, file: string): string {
  return context.model.realPaths[file] ?? file;
}

/**
 * False when a `config set` of this profile would write another profile's config file (its state dir or
 * config is a symlink to another's): such a profile gets no config edit; its own fix (split the paths) comes first.
 */
function ownsConfigFile(context: CheckContext, profile: Profile): boolean {
  try {
    guardConfigWrite(profile.name, context.model.invocation);
    return true;
  } catch (error) {
    if (error instanceof UnsafeCommandValue) return false;
    throw error;
  }
}

function unchanged(context: CheckContext, profile: Profile): Edit {
  const gateway = context.live.profiles[profile.name]?.gateway;
  const running = gateway !== undefined && isGatewayUp(gateway);
  const currentBase = running && gateway.portSource === 'lock' ? gateway.port : profile.gatewayPort.port;
  return {
    profile,
    currentBase,
    running,
    healthy: gateway?.state === 'running',
    base: null,
    pin: null,
    cdpPorts: new Map(),
    cdpUrls: new Map(),
    webhooks: new Map(),
    paths: new Map(),
    credentials: [],
    disable: [],
    oauth: null,
  };
}

/**
 * `decide` for the whole host; `findings` (the checks' run on it) name the extra supervisors. With `mayChange`
 * (`fix --profile X`) only that profile may change: every other one is kept where it is, so X yields to all of them.
 */
export function decide(context: CheckContext, findings: readonly Finding[] = [], mayChange: string | null = null): Decision {
  const reach = instanceReach(context.model.layout.version);
  const order = [...context.profiles].sort(keepOrder(context, mayChange));
  const edits = new Map<string, Edit>();
  for (const profile of order) edits.set(profile.name, unchanged(context, profile));
  // A profile whose config is another's real file is that profile again: it neither moves nor holds ports of its own.
  const sharesFiles = new Set(order.filter((profile) => !ownsConfigFile(context, profile)).map((profile) => profile.name));
  const held = new Set(mayChange === null ? [] : order.filter((profile) => profile.name !== mayChange).map((profile) => profile.name));
  const frozen = new Set([...sharesFiles, ...held]);

  // 1. Keep profiles greedily in keep order; one that meets a kept profile's plan or has a foreign listener on a
  // port of its own (not its CDP band, which only reserves) moves. Foreign gateways' derived ranges only bar new bases.
  const map = new PortMap();
  for (const [from, to] of foreignReservations(context, reach)) map.mark(from, to);
  const moving: Edit[] = [];
  const kept: Edit[] = [];
  const planned = new PortMap();
  for (const profile of order) {
    if (sharesFiles.has(profile.name)) continue;
    const edit = edits.get(profile.name)!;
    const plan = livePlan(context, profile);
    const derived = derivedEntries(plan);
    const others = new Set(foreignListenerPorts(context, profile));
    const singlesHeld = derived.some((entry) => entry.role !== 'cdp-band' && entry.from === entry.to && others.has(entry.from));
    const meets = derived.some((entry) => planned.anyTaken(entry.from, entry.to));
    if (!held.has(profile.name) && (meets || singlesHeld || planned.baseNear(edit.currentBase))) {
      moving.push(edit);
      continue;
    }
    kept.push(edit);
    markPlan(map, plan);
    markPlan(planned, plan);
    map.bases[edit.currentBase] = 1;
    planned.bases[edit.currentBase] = 1;
  }

  // 2. New bases, jointly: each mover in keep order takes the nearest base clear of everything placed so far.
  // The whole port range is searched for each; once one finds none, the range only fills up: later ones need not look.
  let rangeFull = false;
  for (const edit of moving) {
    if (rangeFull) break;
    const plan = livePlan(context, edit.profile);
    const derived = derivedEntries(plan);
    const gateway = plan.find((entry) => entry.role === 'gateway')?.from ?? edit.currentBase;
    // A misplaced gateway goes back where its config puts it when that place is free.
    const configured = edit.profile.gatewayPort.port;
    const home = isMisplaced(edit.profile, context.live.profiles[edit.profile.name]?.gateway) && configured >= LOWEST_BASE ? [configured] : [];
    for (const base of [...home, ...candidatesNear(edit.currentBase, reach)]) {
      if (map.baseNear(base) || map.anyTaken(base, base + reach)) continue;
      const moved = shift(derived, base - gateway);
      if (moved.some((entry) => map.anyTaken(entry.from, entry.to))) continue;
      edit.base = base;
      markPlan(map, shift(plan, base - gateway));
      map.bases[base] = 1;
      break;
    }
    rangeFull = edit.base === null;
  }

  // 3. Pins: a gateway that stays but runs off its configured port, or rests on the name hash, gets gateway.port written down.
  for (const edit of kept) {
    const source = edit.profile.gatewayPort.source;
    if (edit.currentBase !== edit.profile.gatewayPort.port || edit.profile.cliPort.port !== edit.currentBase) edit.pin = edit.currentBase;
    // A port from this shell's OPENCLAW_GATEWAY_PORT goes away with the unset below: write it into the config first.
    else if (source === 'env' || edit.profile.cliPort.source === 'env') edit.pin = edit.currentBase;
    else if (source === 'profile-hash' || edit.profile.cliPort.source === 'profile-hash') edit.pin = edit.currentBase;
  }

  placeAbsolutes(context, order, edits);
  separatePaths(context, order, edits);
  separateCredentials(context, order, edits);
  disableExtras(findings, edits);
  separateOauth(context, order, edits);
  for (const name of frozen) edits.set(name, unchanged(context, edits.get(name)!.profile));

  const env = context.model.invocation.env;
  const set = (name: string) => env[name] !== undefined && env[name] !== '';
  const unsetEnv: string[] = SELECTOR_VARS.filter(set);
  // From a shell exporting it, every profile's CLI (and a gateway started by hand from it) uses that one OAuth dir.
  if (set(OAUTH_DIR_VAR) && context.model.profiles.length > 1) unsetEnv.push(OAUTH_DIR_VAR);
  return { edits: order.map((profile) => edits.get(profile.name)!), unsetEnv };
}

/** The final plan of an edit: derived entries around its final base, absolute ones where the edit puts them. */
export function finalBase(edit: Edit): number {
  return edit.base ?? edit.currentBase;
}

/** Explicit cdpPort / local cdpUrl and webhook ports that meet another profile's final plan get a port of their own. */
function placeAbsolutes(context: CheckContext, order: readonly Profile[], edits: Map<string, Edit>): void {
  const finalPlans = new Map<string, PortPlanEntry[]>();
  for (const profile of order) {
    const edit = edits.get(profile.name)!;
    const plan = livePlan(context, profile);
    const gateway = plan.find((entry) => entry.role === 'gateway')?.from ?? edit.currentBase;
    finalPlans.set(profile.name, shift(plan, finalBase(edit) - gateway));
  }
  // Which profile's derived plan holds each port: an absolute port inside the profile's own band is legitimate.
  const derivedOwner = new Map<number, string>();
  for (const [name, plan] of finalPlans) {
    for (const entry of derivedEntries(plan))
      for (let port = entry.from; port <= entry.to; port += 1) if (!derivedOwner.has(port)) derivedOwner.set(port, name);
  }
  const othersDerived = (profile: string, port: number) => {
    const owner = derivedOwner.get(port);
    return owner !== undefined && owner !== profile;
  };
  const held = new Map<number, string | null>();
  for (const live of Object.values(context.live.profiles)) {
    for (const status of live.ports) for (const owner of status.owners) held.set(status.port, owner.profile);
  }
  const foreignTo = (profile: string, port: number) => {
    if (!context.live.snapshot.listeners.some((listener) => listener.port === port)) return false;
    const owner = held.get(port);
    return owner === undefined || owner !== profile;
  };
  const absoluteTaken = new Map<number, string>();
  for (const profile of order) {
    const edit = edits.get(profile.name)!;
    const finalPlan = finalPlans.get(profile.name)!;
    const band = finalPlan.find((entry) => entry.role === 'cdp-band');
    const oldBand = livePlan(context, profile).find((entry) => entry.role === 'cdp-band');
    for (const entry of finalPlan.filter((candidate) => !candidate.derived && (candidate.role === 'cdp' || candidate.role === 'webhook'))) {
      const port = entry.from;
      const clash = othersDerived(profile.name, port) || absoluteTaken.has(port) || foreignTo(profile.name, port);
      const movedOffBand = entry.role === 'cdp' && edit.base !== null && oldBand !== undefined && port >= oldBand.from && port <= oldBand.to;
      if (!clash && !movedOffBand) {
        absoluteTaken.set(port, profile.name);
        continue;
      }
      if (entry.role === 'cdp' && band) {
        const preferred = movedOffBand && oldBand ? band.from + (port - oldBand.from) : band.from;
        // Ports the profile's own band-allocated Chromes take stay theirs: 2026.9.6 gives the implicit `openclaw` profile
        // control+9 whatever other browser profiles pin (resolveBrowserConfig), so a pinned port there would share its Chrome's port.
        const ownBandPorts = new Set(finalPlan.filter((other) => other.role === 'cdp' && other.derived).map((other) => other.from));
        const free = (candidate: number) =>
          !ownBandPorts.has(candidate) &&
          !absoluteTaken.has(candidate) &&
          !othersDerived(profile.name, candidate) &&
          !context.live.snapshot.listeners.some((listener) => listener.port === candidate);
        let chosen: number | null = free(preferred) ? preferred : null;
        for (let candidate = band.from; chosen === null && candidate <= band.to; candidate += 1) if (free(candidate)) chosen = candidate;
        if (chosen === null) continue;
        const name = entry.label ?? 'openclaw';
        // A URL with credentials cannot be written into a printed command without printing them: left to the operator.
        if (!entry.source.endsWith('.cdpPort') && carriesSecret(urlOf(profile, entry.source))) continue;
        absoluteTaken.set(chosen, profile.name);
        if (entry.source.endsWith('.cdpPort')) edit.cdpPorts.set(name, chosen);
        else edit.cdpUrls.set(entry.source, rewritePort(urlOf(profile, entry.source), chosen));
      } else if (entry.role === 'webhook') {
        const hook = profile.webhooks.find((candidate) => candidate.channel === entry.label && candidate.port === port);
        if (!hook) continue;
        let chosen = port + STEP;
        while (
          chosen <= HIGHEST_PORT &&
          (derivedOwner.has(chosen) || absoluteTaken.has(chosen) || WEBHOOK_DEFAULTS.has(chosen) || foreignTo(profile.name, chosen))
        )
          chosen += STEP;
        if (chosen > HIGHEST_PORT) continue;
        absoluteTaken.set(chosen, profile.name);
        edit.webhooks.set(hook.portKey, chosen);
      }
    }
  }
}

/** True for a URL with a user, a password, a query or a fragment: any of them may hold a credential. */
function carriesSecret(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.username !== '' || parsed.password !== '' || parsed.search !== '' || parsed.hash !== '';
  } catch {
    return true;
  }
}

function urlOf(profile: Profile, key: string): string {
  if (key === 'browser.cdpUrl') return profile.browserCdpUrl ?? '';
  const name = key.split('.')[2];
  return profile.browserProfiles.find((browser) => browser.name === name)?.cdpUrl ?? '';
}

function rewritePort(url: string, port: number): string {
  try {
    const parsed = new URL(url);
    if (localPortOf(url) === null) return url;
    parsed.port = String(port);
    return parsed.toString().replace(/\/$/, url.endsWith('/') ? '/' : '');
  } catch {
    return url;
  }
}

/** Of profiles sharing a workspace, log file or session store, all but the first in keep order move to their own state dir. */
function separatePaths(context: CheckContext, order: readonly Profile[], edits: Map<string, Edit>): void {
  const claimed = new Map<string, string>();
  const keysOf = (profile: Profile): Array<[string, string]> => {
    const keys: Array<[string, string]> = [];
    const workspace = profile.workspaces.find((entry) => entry.agent === 'default');
    if (workspace) keys.push(['agents.defaults.workspace', workspace.path]);
    if (profile.logFile) keys.push(['logging.file', profile.logFile]);
    if (profile.sessionStore) keys.push(['session.store', profile.sessionStore]);
    return keys;
  };
  for (const profile of order) {
    const edit = edits.get(profile.name)!;
    for (const [key, file] of keysOf(profile)) {
      const realFile = `${key}\u0000${real(context, file)}`;
      if (!claimed.has(realFile)) {
        claimed.set(realFile, profile.name);
        continue;
      }
      const target = ownPath(profile, key);
      if (target !== file) edit.paths.set(key, target);
    }
  }
}

function separateCredentials(context: CheckContext, order: readonly Profile[], edits: Map<string, Edit>): void {
  const claimed = new Set<string>();
  for (const profile of order) {
    for (const credential of profile.credentials) {
      if (claimed.has(credential.fingerprint)) edits.get(profile.name)!.credentials.push(credential.path);
      else claimed.add(credential.fingerprint);
    }
  }
  void context;
}

/** The services services/duplicate-supervisor lists as extra, matched by file to the profile's own: nothing else is disabled. */
function disableExtras(findings: readonly Finding[], edits: Map<string, Edit>): void {
  for (const finding of findings) {
    if (finding.checkId !== 'services/duplicate-supervisor' || finding.profile === null) continue;
    const edit = edits.get(finding.profile);
    const extra = finding.evidence.extra;
    if (!edit || !Array.isArray(extra)) continue;
    for (const item of extra as Array<{ name?: unknown; file?: unknown }>) {
      const service = edit.profile.services.find((candidate) => candidate.file === item.file && candidate.name === item.name);
      if (service && !edit.disable.includes(service)) edit.disable.push(service);
    }
  }
}

/**
 * Of profiles that set one OAuth dir, the first in keep order keeps it; the others drop OPENCLAW_OAUTH_DIR and fall back to
 * `<stateDir>/credentials`. Nothing is copied: a channel session in two gateways is the conflict itself.
 */
function separateOauth(context: CheckContext, order: readonly Profile[], edits: Map<string, Edit>): void {
  const claimed = new Set<string>();
  const guard = { profiles: context.model.profiles, realPaths: context.model.realPaths };
  const ownDefault = (profile: Profile) =>
    profile.oauthDir !== null && real(context, profile.oauthDir) === real(context, path.join(profile.stateDir, 'credentials'));
  // A profile whose OAuth dir is its own default one keeps it: dropping the variable would leave it where it is.
  const candidates = [...order].sort((a, b) => Number(ownDefault(b)) - Number(ownDefault(a)));
  for (const profile of candidates) {
    if (profile.oauthDir === null) continue;
    const shared = real(context, profile.oauthDir);
    if (!claimed.has(shared)) {
      claimed.add(shared);
      continue;
    }
    const edit = edits.get(profile.name)!;
    const to = path.join(profile.stateDir, 'credentials');
    try {
      assertNotOthersPath(to, { ...guard, owner: profile.name });
    } catch (error) {
      if (!(error instanceof UnsafeCommandValue)) throw error;
      edit.oauth = { from: profile.oauthDir, to, via: 'manual', files: [], reason: `its own credentials dir is not its own: ${error.reason}` };
      continue;
    }
    const kept = keptService(context, edit);
    // Resolve reads the variable from the units that start the gateway (enabled gateway units, resolve-profile.ts
    // gatewayEnv): the kept one first, else an extra one the plan disables. A disabled unit's value is not the gateway's.
    const setting = [kept, ...activeGatewayServices(edit.profile)].find((service) => service?.env[OAUTH_DIR_VAR] !== undefined) ?? null;
    if (setting === null) {
      // The invoking shell's value is not a gateway's (resolve drops it): what sets it is the state dir's .env.
      const dotenv = path.join(profile.stateDir, '.env');
      edit.oauth = { from: profile.oauthDir, to, via: 'manual', files: [dotenv], reason: `no OpenClaw command edits ${dotenv}` };
      continue;
    }
    const blocker = setting === kept ? rewriteBlocker(profile, setting) : `${setting.name} is not the service that keeps running ${profile.name}`;
    // 2026.9.6's `gateway install --force` keeps no existing OPENCLAW_* variable of the service (collectPreservedExistingServiceEnvVars)
    // and regenerates launchd's service-env file, but merges a systemd unit's own EnvironmentFile back in.
    const envFileKept = setting.manager === 'systemd' && (setting.envFiles ?? []).length > 0;
    const files = [setting.file, ...(setting.envFiles ?? [])];
    if (blocker === null && !envFileKept) edit.oauth = { from: profile.oauthDir, to, via: 'service', files, reason: '' };
    else
      edit.oauth = {
        from: profile.oauthDir,
        to,
        via: 'manual',
        files,
        reason: blocker ?? `\`gateway install --force\` keeps the variables of ${setting.envFiles!.join(', ')}`,
      };
  }
}
