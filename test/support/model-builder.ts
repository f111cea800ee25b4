// In-memory host models for check tests: model().profile('main', {port: 18789}).listener(18789, {pid: 4100}).context()
import path from 'node:path';
import type {
  BrowserProfileConfig,
  CredentialFingerprint,
  GatewayPortChoice,
  HostModel,
  InstalledRelease,
  StrayDir,
  LayoutVersion,
  LockFile,
  Problem,
  Profile,
  ServiceDefinition,
  WebhookEntry,
  WorkspaceEntry,
} from '../../src/model.js';
import type { HostSnapshot, Listener, ProcessInfo, SupervisorMarkers } from '../../src/host/types.js';
import type { GatewayProbe, ProbeResults } from '../../src/probe/types.js';
import type { CheckContext, Check, Finding } from '../../src/doctor/api.js';
import { buildPortPlan, type PlanInput } from '../../src/ports/plan.js';
import { findOverlaps } from '../../src/ports/overlaps.js';
import { buildLiveModel } from '../../src/attribute/attribute.js';
import { probeKey } from '../../src/probe/targets.js';
import { runChecks } from '../../src/doctor/run.js';
import { decideLayout } from '../../src/ports/layout.js';

const HOME = '/home/op';

export interface ProfileSpec {
  port?: number;
  portSource?: GatewayPortChoice['source'];
  cliPort?: number;
  cliPortSource?: GatewayPortChoice['source'];
  stateDir?: string;
  configPath?: string;
  bind?: string;
  workspace?: string;
  /** Where the default workspace came from (`agents.defaults.workspace`, `OPENCLAW_WORKSPACE_DIR`); `<stateDir>/workspace` when absent. */
  workspaceSource?: string;
  /** Agents, resolved as OpenClaw does: own workspace, else `<workspace>/<id>` when `workspace` is set, else `<stateDir>/workspace-<id>`. Ignored when `workspaces` is given. */
  agents?: Array<{ id: string; workspace?: string }>;
  workspaces?: WorkspaceEntry[];
  sessionStore?: string;
  logFile?: string;
  oauthDir?: string;
  browserEnabled?: boolean;
  browserCdpUrl?: string;
  browserProfiles?: Array<Partial<BrowserProfileConfig> & { name: string }>;
  webhooks?: WebhookEntry[];
  credentials?: CredentialFingerprint[];
  problems?: Problem[];
  services?: Array<Partial<ServiceDefinition>>;
  envSelected?: boolean;
  envProfileName?: string;
  /** The name OpenClaw knows it by, when the label is a second identity's (`env:rescue`); the label otherwise. */
  openclawName?: string;
  origin?: Profile['origin'];
  foundIn?: Profile['foundIn'];
  configExists?: boolean;
  /** The loaded config; null for one that could not be loaded. */
  config?: Record<string, unknown> | null;
}

export interface ListenerSpec {
  pid?: number | null;
  name?: string;
  command?: string;
  argv?: string[];
  ppid?: number;
  address?: string;
  openclawEnv?: Record<string, string>;
}

function stateDirOf(name: string): string {
  return name === 'default' ? path.join(HOME, '.openclaw') : path.join(HOME, `.openclaw-${name}`);
}

function makeService(profile: string, spec: Partial<ServiceDefinition> = {}): ServiceDefinition {
  const name = profile === 'default' ? 'openclaw-gateway.service' : `openclaw-gateway-${profile}.service`;
  return {
    manager: 'systemd',
    name,
    file: path.join(HOME, '.config/systemd/user', name),
    env: { OPENCLAW_PROFILE: profile },
    args: ['/usr/bin/node', '/usr/lib/node_modules/openclaw/dist/index.js', 'gateway'],
    portArg: null,
    profile,
    profileEvidence: 'OPENCLAW_PROFILE',
    isGateway: true,
    legacy: false,
    ...spec,
  };
}

export function makeProfile(name: string, spec: ProfileSpec, layout: LayoutVersion = '2026.9'): Profile {
  const stateDir = spec.stateDir ?? stateDirOf(name);
  const port = spec.port ?? 18789;
  const source = spec.portSource ?? 'config';
  const details: Record<GatewayPortChoice['source'], string> = {
    flag: `--port in openclaw-gateway-${name}.service`,
    env: 'OPENCLAW_GATEWAY_PORT in this shell',
    config: `gateway.port in ${stateDir}/openclaw.json`,
    'profile-hash': `20000 + fnv1a32("${name}") % 40000`,
    default: 'OpenClaw default 18789',
  };
  const gatewayPort: GatewayPortChoice = { port, source, detail: details[source] };
  const cliPort: GatewayPortChoice = spec.cliPort !== undefined ? { port: spec.cliPort, source: spec.cliPortSource ?? 'config', detail: 'test' } : gatewayPort;
  const browserProfiles: BrowserProfileConfig[] = (spec.browserProfiles ?? [{ name: 'openclaw', implicit: true }]).map((browser) => ({
    cdpPort: null,
    cdpUrl: null,
    driver: null,
    userDataDir: null,
    implicit: false,
    ...browser,
  }));
  const bind = spec.bind ?? '127.0.0.1';
  const webhooks = spec.webhooks ?? [];
  const workspace = spec.workspace ?? path.join(stateDir, 'workspace');
  const planInput: PlanInput = {
    gatewayPort: port,
    gatewayPortSource: gatewayPort.source === 'config' ? 'gateway.port' : gatewayPort.detail,
    gatewayBind: bind,
    sandboxPort: null,
    browserEnabled: spec.browserEnabled ?? true,
    browserCdpUrl: spec.browserCdpUrl ?? null,
    browserProfiles,
    canvasEnabled: true,
    canvasPort: null,
    webhooks,
  };
  return {
    name,
    openclawName: spec.openclawName ?? name,
    origin: spec.origin ?? { kind: 'own' },
    foundIn: spec.foundIn ?? ['state-dir'],
    stateDir,
    configPath: spec.configPath ?? path.join(stateDir, 'openclaw.json'),
    configExists: spec.configExists ?? true,
    config: spec.config === undefined ? {} : spec.config,
    configFiles: [],
    problems: spec.problems ?? [],
    gatewayPort,
    cliPort,
    gatewayBind: bind,
    gatewayBindMode: 'loopback',
    hasGatewayToken: false,
    workspace,
    workspaces: spec.workspaces ?? [
      { agent: 'default', path: workspace, source: spec.workspaceSource ?? '<stateDir>/workspace' },
      ...(spec.agents ?? []).map((agent): WorkspaceEntry => {
        if (agent.workspace) return { agent: agent.id, path: agent.workspace, source: `agents workspace of "${agent.id}"` };
        if (spec.workspace) return { agent: agent.id, path: path.join(workspace, agent.id), source: 'agents.defaults.workspace/<id>' };
        return { agent: agent.id, path: path.join(stateDir, `workspace-${agent.id}`), source: '<stateDir>/workspace-<id>' };
      }),
    ],
    sessionStore: spec.sessionStore ?? null,
    logFile: spec.logFile ?? null,
    oauthDir: spec.oauthDir ?? null,
    browserEnabled: spec.browserEnabled ?? true,
    browserCdpUrl: spec.browserCdpUrl ?? null,
    browserProfiles,
    webhooks,
    credentials: spec.credentials ?? [],
    services: (spec.services ?? []).map((service) => makeService(name, service)),
    locks: [],
    envSelected: spec.envSelected ?? false,
    envProfileName: spec.envProfileName ?? null,
    plan: buildPortPlan(planInput, layout),
  };
}

export function healthyGatewayProbe(port: number, host = '127.0.0.1'): GatewayProbe {
  const ok = {
    url: `http://${host}:${port}/healthz`,
    outcome: 'ok' as const,
    status: 200,
    json: { ok: true, status: 'live' },
    snippet: null,
    elapsedMs: 2,
    detail: null,
  };
  return {
    port,
    host,
    healthz: ok,
    readyz: null,
    startupz: null,
    canvas: null,
    controlUi: null,
    controlUiBuild: null,
    wsChallenge: true,
    wsDetail: 'connect.challenge',
    isOpenClaw: true,
    version: '2026.9.6',
    evidence: ['/healthz live', 'connect.challenge'],
  };
}

export class ModelBuilder {
  private readonly profiles: Profile[] = [];
  private readonly listeners: Listener[] = [];
  private readonly processes: Record<number, ProcessInfo> = {};
  private readonly alive: Record<number, boolean> = {};
  private readonly gatewayProbes: Record<string, GatewayProbe> = {};
  private readonly supervisorMarkers: Record<number, SupervisorMarkers> = {};
  private layoutVersion: LayoutVersion = '2026.9';
  private snapshotOk = true;
  private readonly realPaths: Record<string, string> = {};
  private invokingEnv: Record<string, string> = {};
  private notes: HostModel['notes'] = [];
  private strayDirs: StrayDir[] = [];
  private cli: InstalledRelease | null = null;

  /** A dir discovery classified as not a profile (stray or leaked into ~/.openclaw). */
  stray(dir: StrayDir): this {
    this.strayDirs.push(dir);
    return this;
  }

  /** The `openclaw` first on PATH. */
  cliRelease(release: InstalledRelease): this {
    this.cli = release;
    return this;
  }

  /** The environment of the shell clawdoc runs in. */
  env(vars: Record<string, string>): this {
    this.invokingEnv = vars;
    return this;
  }

  /** Something discovery saw that is not a profile. */
  note(note: HostModel['notes'][number]): this {
    this.notes.push(note);
    return this;
  }

  /** Declares that `file` resolves to `target` (a symlink), as the resolve stage would record it. */
  symlink(file: string, target: string): this {
    this.realPaths[file] = target;
    return this;
  }

  layout(version: LayoutVersion): this {
    this.layoutVersion = version;
    return this;
  }

  profile(name: string, spec: ProfileSpec = {}): this {
    this.profiles.push(makeProfile(name, spec, this.layoutVersion));
    return this;
  }

  listener(port: number, spec: ListenerSpec = {}): this {
    const pid = spec.pid === undefined ? 4000 + (port % 1000) : spec.pid;
    this.listeners.push({ address: spec.address ?? '127.0.0.1', family: (spec.address ?? '').includes(':') ? 'ipv6' : 'ipv4', port, pid });
    if (pid !== null) {
      const name = spec.name ?? 'node';
      const argv = spec.argv ?? (spec.command ?? name).split(' ');
      this.processes[pid] = {
        pid,
        ppid: spec.ppid ?? 1,
        user: 'op',
        name,
        command: spec.command ?? argv.join(' '),
        argv,
        ...(spec.openclawEnv ? { openclawEnv: spec.openclawEnv } : {}),
      };
      this.alive[pid] = true;
    }
    return this;
  }

  /** A Chrome listening on `port` as OpenClaw launches a managed one: `--remote-debugging-port` and `--user-data-dir`. */
  chrome(port: number, pid: number, userDataDir: string | null): this {
    const argv = ['/usr/lib/chromium/chromium', `--remote-debugging-port=${port}`, ...(userDataDir ? [`--user-data-dir=${userDataDir}`] : [])];
    return this.listener(port, { pid, name: 'chromium', argv });
  }

  /** A running gateway of `profile`: its lock, its listener and a healthy probe. */
  gateway(profileName: string, port: number, pid: number): this {
    this.listener(port, { pid, name: 'openclaw-gateway' });
    this.lock(profileName, { pid, port });
    this.gatewayProbes[probeKey('127.0.0.1', port)] = healthyGatewayProbe(port);
    return this;
  }

  lock(profileName: string, spec: Partial<LockFile> & { alive?: boolean }): this {
    const profile = this.profiles.find((candidate) => candidate.name === profileName);
    if (!profile) throw new Error(`no profile ${profileName}`);
    const lock: LockFile = {
      file: path.join(profile.stateDir, 'tmp/openclaw-1000/gateway.state.lock'),
      kind: 'state',
      location: 'state-dir',
      pid: null,
      port: null,
      configPath: profile.configPath,
      stateDir: profile.stateDir,
      createdAt: '2026-11-25T00:00:00.000Z',
      role: null,
      problem: null,
      ...spec,
    };
    profile.locks.push(lock);
    if (lock.pid !== null && spec.alive !== undefined) this.alive[lock.pid] = spec.alive;
    if (lock.pid !== null && this.alive[lock.pid] === undefined) this.alive[lock.pid] = false;
    return this;
  }

  /** What `pid`'s environment holds of the supervisor markers; null: it could not be read. Without a call the pid stays unread. */
  markers(pid: number, env: Record<string, string> | null): this {
    this.supervisorMarkers[pid] = env
      ? { readable: true, env }
      : { readable: false, reason: `pid ${pid} belongs to another user (uid 1001): its environment is not read` };
    return this;
  }

  probe(port: number, probe: GatewayProbe): this {
    this.gatewayProbes[probeKey(probe.host, port)] = probe;
    return this;
  }

  snapshotFailed(): this {
    this.snapshotOk = false;
    return this;
  }

  hostModel(): HostModel {
    return {
      invocation: { home: HOME, env: this.invokingEnv, selectedProfile: null, uid: 1000, tmpDir: '/tmp', platform: 'linux' },
      release: null,
      layout: { ...decideLayout(this.layoutVersion, null) },
      profiles: this.profiles,
      notes: this.notes,
      strayDirs: this.strayDirs,
      cliRelease: this.cli,
      searched: [],
      realPaths: this.realPaths,
      overlaps: findOverlaps(this.profiles),
    };
  }

  context(focusNames?: string[]): CheckContext {
    const model = this.hostModel();
    const snapshot: HostSnapshot = {
      method: this.snapshotOk ? 'test' : null,
      ok: this.snapshotOk,
      error: this.snapshotOk ? null : 'netstat and ss both failed',
      takenAt: '2026-11-25T00:00:00.000Z',
      listeners: this.listeners,
      processes: this.processes,
      alivePids: this.alive,
      root: false,
      supervisorMarkers: this.supervisorMarkers,
    };
    const probes: ProbeResults = { gateways: this.gatewayProbes, cdp: {}, control: {}, deadlineHit: false };
    const focus = focusNames ? model.profiles.filter((profile) => focusNames.includes(profile.name)) : model.profiles;
    const live = buildLiveModel(model, snapshot, probes);
    return { model, profiles: model.profiles, focus, overlaps: live.overlaps, live };
  }
}

export function model(): ModelBuilder {
  return new ModelBuilder();
}

/** Whether a check was seen to fire (≥1 finding of its own) and to stay silent (ran, 0 findings) in this module instance. */
export interface CheckCoverage {
  fired: boolean;
  silent: boolean;
}

const coverage = new Map<string, CheckCoverage>();

/** What `runCheck` has seen per check id; read by the registry test, which runs every check test in its own worker. */
export function checkCoverage(id: string): CheckCoverage {
  return coverage.get(id) ?? { fired: false, silent: false };
}

/** Runs one check the way the doctor does (stamped ids, sorted, crash → finding). */
export function runCheck(check: Check, context: CheckContext): Finding[] {
  const run = runChecks([check], context, { only: [], skip: [] });
  // A crash finding is not the check firing, and a check skipped for its layout is not the check staying silent.
  const crashed = run.findings.some((finding) => finding.message.startsWith(`the check ${check.id} failed: `));
  if (run.checksRun.includes(check.id) && !crashed) {
    const seen = checkCoverage(check.id);
    coverage.set(check.id, { fired: seen.fired || run.findings.length > 0, silent: seen.silent || run.findings.length === 0 });
  }
  return run.findings;
}

/**
 * The healthy rescue-bot host every check must stay silent on: main (18789) and rescue (19789), each
 * with its own state dir, config, workspace, systemd service, running gateway and managed Chrome on the
 * first port of its own CDP band.
 */
export function healthyMainRescue(): ModelBuilder {
  return model()
    .profile('main', { port: 18789, services: [{}] })
    .profile('rescue', { port: 19789, services: [{}] })
    .gateway('main', 18789, 4100)
    .gateway('rescue', 19789, 4200)
    .chrome(18800, 5100, path.join(HOME, '.openclaw-main/browser/openclaw/user-data'))
    .chrome(19800, 5200, path.join(HOME, '.openclaw-rescue/browser/openclaw/user-data'));
}
