// Attribution: every listener on a planned port gets an owner with evidence, every lock a state, every profile a gateway state.
import path from 'node:path';
import type { HostModel, LockFile, PortPlanEntry, Profile } from '../model.js';
import { rebasePlan } from '../ports/plan.js';
import { findOverlaps } from '../ports/overlaps.js';
import { browserProfileStates, canvasState, controlState } from './browser-states.js';
import type { HostSnapshot, Listener, ProcessInfo } from '../host/types.js';
import type { ProbeResults, GatewayProbe } from '../probe/types.js';
import type { GatewayStatus, LiveModel, LiveProfile, LockStatus, PlannedPortStatus, PortOwner } from './live.js';
import { redact } from '../redact.js';
import { probeHostFor, probeKey } from '../probe/targets.js';
import { groupByOwner, listenersOnPort } from '../host/listeners.js';
import { isUnder } from '../paths.js';
import { argValue } from '../argv.js';
import { decideSupervisor } from './supervisor.js';

const CHROME_NAME = /(^|\/)(chrome|chromium|chromium-browser|google-chrome[\w-]*|headless_shell)$/i;
const GATEWAY_TITLE = 'openclaw-gateway';

function argvOf(info: ProcessInfo): string[] {
  return info.argv.length > 0 ? info.argv : info.command.split(/\s+/);
}

function isChrome(info: ProcessInfo): boolean {
  const argv = argvOf(info);
  return CHROME_NAME.test(info.name) || CHROME_NAME.test(argv[0] ?? '') || argValue(argv, '--remote-debugging-port') !== null;
}

function isGatewayProcess(info: ProcessInfo): boolean {
  return info.name === GATEWAY_TITLE || info.command.startsWith(GATEWAY_TITLE);
}

/**
 * A process that may hold a gateway lock: a gateway, or (measured on 2026.9.6) the CLI titled `openclaw` that takes the
 * lock, without a port yet, before it retitles itself `openclaw-gateway`; or node running it.
 */
function isOpenClawProcess(info: ProcessInfo): boolean {
  return isGatewayProcess(info) || info.name === 'openclaw' || info.command.startsWith('openclaw') || /node/i.test(info.name);
}

/** The profile whose state dir holds this Chrome's user-data-dir, if any. */
function chromeProfile(info: ProcessInfo, profiles: readonly Profile[]): { profile: string | null; userDataDir: string | null } {
  const userDataDir = argValue(argvOf(info), '--user-data-dir');
  if (!userDataDir) return { profile: null, userDataDir: null };
  const owner = profiles.find(
    (profile) =>
      isUnder(userDataDir, profile.stateDir) ||
      profile.browserProfiles.some((browser) => browser.userDataDir !== null && isUnder(userDataDir, browser.userDataDir)),
  );
  return { profile: owner?.name ?? null, userDataDir };
}

interface Attribution {
  profiles: readonly Profile[];
  snapshot: HostSnapshot;
  /** Live lock pids: pid -> profile name. */
  lockPids: Map<number, string>;
}

function hiddenOwnerReason(snapshot: HostSnapshot): string {
  return snapshot.root
    ? 'owner hidden: the socket belongs to another PID namespace (a container or sandbox)'
    : 'owner hidden: the socket belongs to another user; run clawdoc as root to see it';
}

function ownerOf(pid: number | null, addresses: string[], attribution: Attribution): PortOwner {
  if (pid === null) {
    return { pid, process: null, command: null, kind: 'unknown', profile: null, evidence: hiddenOwnerReason(attribution.snapshot), addresses };
  }
  const info = attribution.snapshot.processes[pid];
  const process = info?.name ?? null;
  const command = info ? redact(info.command) : null;
  const lockProfile = attribution.lockPids.get(pid);
  if (lockProfile) {
    return {
      pid,
      process,
      command,
      kind: 'gateway-of-profile',
      profile: lockProfile,
      evidence: `pid ${pid} holds the gateway lock of profile ${lockProfile}`,
      addresses,
    };
  }
  if (!info) {
    return { pid, process, command, kind: 'unknown', profile: null, evidence: `pid ${pid} exited or could not be read`, addresses };
  }
  const parentLock = info.ppid !== null ? attribution.lockPids.get(info.ppid) : undefined;
  if (isChrome(info)) {
    const { profile, userDataDir } = chromeProfile(info, attribution.profiles);
    const evidence = userDataDir
      ? profile
        ? `--user-data-dir ${userDataDir} lies in the state dir of profile ${profile}`
        : `--user-data-dir ${userDataDir} lies in no profile's state dir`
      : 'a Chrome without --user-data-dir';
    return { pid, process, command, kind: 'chromium', profile: profile ?? parentLock ?? null, evidence, addresses };
  }
  if (parentLock) {
    return {
      pid,
      process,
      command,
      kind: 'gateway-of-profile',
      profile: parentLock,
      evidence: `child of pid ${info.ppid}, the gateway of profile ${parentLock}`,
      addresses,
    };
  }
  if (isGatewayProcess(info)) {
    const envProfile = info.openclawEnv ? profileFromProcessEnv(info.openclawEnv, attribution.profiles) : null;
    return envProfile
      ? {
          pid,
          process,
          command,
          kind: 'gateway-of-profile',
          profile: envProfile,
          evidence: `pid ${pid}'s environment names the state dir of profile ${envProfile}`,
          addresses,
        }
      : {
          pid,
          process,
          command,
          kind: 'gateway-of-profile',
          profile: null,
          evidence: `an OpenClaw gateway (process title ${GATEWAY_TITLE}) that holds no lock of a profile found here`,
          addresses,
        };
  }
  return { pid, process, command, kind: 'other', profile: null, evidence: `process ${info.name} (pid ${pid})`, addresses };
}

function profileFromProcessEnv(env: Readonly<Record<string, string>>, profiles: readonly Profile[]): string | null {
  const stateDir = env.OPENCLAW_STATE_DIR;
  if (stateDir) return profiles.find((profile) => path.resolve(profile.stateDir) === path.resolve(stateDir))?.name ?? null;
  const name = env.OPENCLAW_PROFILE;
  return name ? (profiles.find((profile) => profile.name === name)?.name ?? null) : null;
}

/** One owner per pid: a gateway on 127.0.0.1 and ::1 is one listener, not two. */
function ownersOf(listeners: readonly Listener[], attribution: Attribution): PortOwner[] {
  return groupByOwner(listeners).map((owner) => ownerOf(owner.pid, owner.addresses, attribution));
}

/**
 * How long a gateway may hold its lock before it listens. Measured on 2026.9.6 here: the lock is written
 * 3.6 s before the port listens (6.2 s and 9.8 s after spawn, on a loaded 2-core host); 30 s leaves room for slow hosts.
 */
export const STARTUP_WINDOW_MS = 30_000;

function lockAgeMs(lock: LockFile, snapshot: HostSnapshot): number | null {
  const created = lock.createdAt ? Date.parse(lock.createdAt) : Number.NaN;
  const taken = Date.parse(snapshot.takenAt);
  return Number.isNaN(created) || Number.isNaN(taken) ? null : Math.max(0, taken - created);
}

function lockStatus(lock: LockFile, snapshot: HostSnapshot): LockStatus {
  const base = { file: lock.file, kind: lock.kind, location: lock.location, pid: lock.pid, port: lock.port, createdAt: lock.createdAt };
  if (lock.problem || lock.pid === null) {
    return { ...base, state: 'unreadable', reason: lock.problem ?? 'the lock names no pid' };
  }
  if (!snapshot.alivePids[lock.pid]) return { ...base, state: 'stale', reason: `pid ${lock.pid} is not running` };
  const info = snapshot.processes[lock.pid];
  if (info && !isOpenClawProcess(info)) {
    return { ...base, state: 'stale', reason: `pid ${lock.pid} is now ${info.name}, not a gateway (the pid was reused)` };
  }
  if (!snapshot.ok) return { ...base, state: 'live', reason: `pid ${lock.pid} is running (listeners could not be read)` };
  const ports = snapshot.listeners.filter((listener) => listener.pid === lock.pid).map((listener) => listener.port);
  const age = lockAgeMs(lock, snapshot);
  if (ports.length === 0 && age !== null) {
    const seconds = Math.round(age / 1000);
    return age <= STARTUP_WINDOW_MS
      ? { ...base, state: 'starting', reason: `pid ${lock.pid} took the lock ${seconds}s ago and does not listen yet: it is starting` }
      : { ...base, state: 'wedged', reason: `pid ${lock.pid} took the lock ${seconds}s ago and still listens nowhere` };
  }
  if (lock.port !== null && !ports.includes(lock.port)) {
    const elsewhere = [...new Set(ports)].sort((a, b) => a - b);
    return {
      ...base,
      state: 'inconsistent',
      reason:
        elsewhere.length > 0
          ? `pid ${lock.pid} is running but listens on ${elsewhere.join(', ')}, not ${lock.port}`
          : `pid ${lock.pid} is running but does not listen on ${lock.port}`,
    };
  }
  return { ...base, state: 'live', reason: `pid ${lock.pid} is running and listens on ${lock.port ?? 'its port'}` };
}

function gatewayHealth(probe: GatewayProbe | null): { ok: boolean; status: string } | null {
  if (!probe) return null;
  const body = probe.healthz.json as { ok?: unknown; status?: unknown } | null;
  if (probe.healthz.outcome === 'ok' && body && typeof body === 'object') {
    return { ok: body.ok === true, status: typeof body.status === 'string' ? body.status : String(body.ok) };
  }
  return { ok: false, status: probe.healthz.outcome };
}

/** The gateway as the locks, listeners and probes show it; who started it is added by withSupervisor. */
function gatewayStatus(profile: Profile, locks: LockStatus[], attribution: Attribution, probes: ProbeResults): Omit<GatewayStatus, 'supervisor'> {
  const configured = { configuredPort: profile.cliPort.port, configuredPortSource: profile.cliPort.source };
  const liveLock = locks.find((lock) => lock.state === 'live' && lock.port !== null);
  const probeAt = (port: number) => {
    const host = probeHostFor(attribution.snapshot, port);
    return host === null ? null : (probes.gateways[probeKey(host, port)] ?? null);
  };
  if (liveLock) {
    const probe = probeAt(liveLock.port!);
    const health = gatewayHealth(probe);
    const state = health?.ok ? 'running' : 'unhealthy';
    return {
      state,
      pid: liveLock.pid,
      port: liveLock.port!,
      portSource: 'lock',
      ...configured,
      health,
      version: probe?.version ?? null,
      owner: null,
      probe,
      detail:
        state === 'running'
          ? `pid ${liveLock.pid} holds the lock and answers /healthz`
          : `pid ${liveLock.pid} holds the lock but /healthz answered ${health?.status ?? 'nothing'}`,
    };
  }
  const pending = locks.find((lock) => lock.state === 'starting') ?? locks.find((lock) => lock.state === 'wedged');
  if (pending) {
    return {
      state: pending.state === 'starting' ? 'starting' : 'wedged',
      pid: pending.pid,
      port: pending.port ?? profile.gatewayPort.port,
      portSource: pending.port !== null ? 'lock' : 'plan',
      ...configured,
      health: null,
      version: null,
      owner: null,
      probe: null,
      detail: pending.reason,
    };
  }
  const port = profile.gatewayPort.port;
  const owners = ownersOf(listenersOnPort(attribution.snapshot, port), attribution);
  const probe = probeAt(port);
  const own = owners.find((owner) => owner.kind === 'gateway-of-profile' && owner.profile === profile.name);
  if (own) {
    const health = gatewayHealth(probe);
    return {
      state: health?.ok ? 'running' : 'unhealthy',
      pid: own.pid,
      port,
      portSource: 'plan',
      ...configured,
      health,
      version: probe?.version ?? null,
      owner: null,
      probe,
      detail: own.evidence,
    };
  }
  if (owners.length > 0) {
    const owner = owners[0]!;
    return {
      state: 'foreign',
      pid: null,
      port,
      portSource: 'plan',
      ...configured,
      health: gatewayHealth(probe),
      version: probe?.version ?? null,
      owner,
      probe,
      detail: `port ${port} is held by ${owner.evidence}`,
    };
  }
  return {
    state: 'stopped',
    pid: null,
    port,
    portSource: 'plan',
    ...configured,
    health: null,
    version: null,
    owner: null,
    probe: null,
    detail: `nothing listens on ${port}`,
  };
}

function withSupervisor(gateway: Omit<GatewayStatus, 'supervisor'>, profile: Profile, snapshot: HostSnapshot): GatewayStatus {
  if (gateway.pid === null) return { ...gateway, supervisor: null };
  const services = profile.services.filter((service) => service.isGateway);
  return { ...gateway, supervisor: decideSupervisor(gateway.pid, snapshot.supervisorMarkers?.[gateway.pid], services) };
}

/** The plan around the port the gateway really runs on: its derived ports follow the running base, not the configured one. */
function effectivePlan(profile: Profile, gateway: GatewayStatus): PortPlanEntry[] {
  if (gateway.portSource !== 'lock' || gateway.port === profile.gatewayPort.port) return profile.plan;
  return rebasePlan(profile.plan, gateway.port, "the running gateway's lock");
}

function plannedPorts(plan: readonly PortPlanEntry[], attribution: Attribution): PlannedPortStatus[] {
  const statuses: PlannedPortStatus[] = [];
  for (const entry of plan) {
    if (entry.from === entry.to) {
      statuses.push({ entry, port: entry.from, owners: ownersOf(listenersOnPort(attribution.snapshot, entry.from), attribution) });
      continue;
    }
    const inRange = attribution.snapshot.listeners.filter((listener) => listener.port >= entry.from && listener.port <= entry.to);
    for (const port of [...new Set(inRange.map((listener) => listener.port))].sort((a, b) => a - b)) {
      statuses.push({ entry, port, owners: ownersOf(listenersOnPort(attribution.snapshot, port), attribution) });
    }
  }
  return statuses;
}

export function buildLiveModel(model: HostModel, snapshot: HostSnapshot, probes: ProbeResults): LiveModel {
  const lockStates = new Map(model.profiles.map((profile) => [profile.name, profile.locks.map((lock) => lockStatus(lock, snapshot))]));
  const lockPids = new Map<number, string>();
  for (const [name, locks] of lockStates) {
    for (const lock of locks) if (['live', 'starting', 'wedged'].includes(lock.state) && lock.pid !== null) lockPids.set(lock.pid, name);
  }
  const attribution: Attribution = { profiles: model.profiles, snapshot, lockPids };
  const profiles: Record<string, LiveProfile> = {};
  const observed = { snapshot, probes };
  let rebased = false;
  for (const profile of model.profiles) {
    const locks = lockStates.get(profile.name) ?? [];
    const gateway = withSupervisor(gatewayStatus(profile, locks, attribution, probes), profile, snapshot);
    const plan = effectivePlan(profile, gateway);
    rebased ||= plan !== profile.plan;
    const ports = plannedPorts(plan, attribution);
    profiles[profile.name] = {
      name: profile.name,
      gateway,
      locks,
      plan,
      ports,
      expectedRunning: profile.services.some((service) => service.isGateway) || profile.locks.length > 0,
      canvas: canvasState(gateway, ports, observed, model.layout.version),
      control: controlState(profile, gateway, ports, observed, model.layout.version),
      browserProfiles: browserProfileStates(profile, ports, observed),
    };
  }
  const overlaps = rebased ? findOverlaps(model.profiles.map((profile) => ({ name: profile.name, plan: profiles[profile.name]!.plan }))) : model.overlaps;
  return { snapshot, probes, profiles, overlaps };
}
