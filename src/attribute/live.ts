// The live view of the host the checks read: who owns each planned port, lock states, gateway states.
import type { Overlap, PortPlanEntry, ServiceDefinition } from '../model.js';
import type { HostSnapshot } from '../host/types.js';
import type { GatewayProbe, ProbeResults } from '../probe/types.js';

type OwnerKind = 'gateway-of-profile' | 'chromium' | 'other' | 'unknown';

export interface PortOwner {
  pid: number | null;
  process: string | null;
  /** Command line with secrets redacted. */
  command: string | null;
  kind: OwnerKind;
  /** The profile it belongs to, when proven (lock pid, user-data-dir under a state dir). */
  profile: string | null;
  /** How the owner was identified. */
  evidence: string;
  addresses: string[];
}

/** `starting`: the pid holds the lock and listens nowhere yet, within the startup window; `wedged`: the same, for longer. */
type LockState = 'live' | 'starting' | 'wedged' | 'stale' | 'inconsistent' | 'unreadable';

export interface LockStatus {
  file: string;
  kind: 'state' | 'config';
  location: 'state-dir' | 'tmpdir';
  state: LockState;
  pid: number | null;
  port: number | null;
  /** The lock's createdAt, when it has one. */
  createdAt: string | null;
  reason: string;
}

type GatewayState = 'running' | 'starting' | 'wedged' | 'stopped' | 'unhealthy' | 'foreign';

/** Who started the gateway process, from the supervisor markers of its environment (see decideSupervisor). */
export interface GatewaySupervisor {
  /**
   * `service`: one of the profile's gateway services; `other`: a supervisor that is none of them; `hand`: the environment
   * was read and holds no supervisor marker (a shell, a script, cron); `unknown`: the environment could not be read.
   */
  by: 'service' | 'other' | 'hand' | 'unknown';
  manager: ServiceDefinition['manager'] | 'external' | null;
  /** The unit, label or task name: of the matched service, or as the markers give it. */
  name: string | null;
  /** The matched service's file. */
  file: string | null;
  /** The supervisor markers found (names and values of those keys only); null when the environment was not read. */
  markers: Record<string, string> | null;
  evidence: string;
}

export interface GatewayStatus {
  state: GatewayState;
  pid: number | null;
  /** The port the gateway runs on (from its live lock), else the planned one. */
  port: number;
  portSource: 'lock' | 'plan';
  /** The port the profile's CLI resolves, and why. */
  configuredPort: number;
  configuredPortSource: string;
  health: { ok: boolean; status: string } | null;
  version: string | null;
  /** Who holds the gateway port when it is not this profile's gateway. */
  owner: PortOwner | null;
  probe: GatewayProbe | null;
  detail: string;
  /** Who started the process `pid`; null when there is no gateway process of this profile. */
  supervisor: GatewaySupervisor | null;
}

/** Running or unhealthy: a gateway process of this profile is up, whatever /healthz says. */
export function isGatewayUp(gateway: Pick<GatewayStatus, 'state'>): boolean {
  return gateway.state === 'running' || gateway.state === 'unhealthy';
}

export interface PlannedPortStatus {
  entry: PortPlanEntry;
  port: number;
  owners: PortOwner[];
}

export interface CanvasState {
  /** `gateway-path` on 2026.9 (a path on the gateway port), `port` on the older layout's canvas host. */
  where: 'gateway-path' | 'port';
  port: number;
  path: string | null;
  state: 'served' | 'not-served' | 'unknown';
  answer: string | null;
}

export interface ControlState {
  port: number;
  state: 'listening' | 'in-gateway' | 'down' | 'foreign';
  owner: PortOwner | null;
  answer: string | null;
}

export interface BrowserProfileState {
  name: string;
  cdpPort: number | null;
  /** Redacted. */
  cdpUrl: string | null;
  driver: string | null;
  state: 'up' | 'down' | 'foreign' | 'remote' | 'extension';
  owner: PortOwner | null;
  browser: string | null;
  protocolVersion: string | null;
  tabs: number | null;
}

export interface LiveProfile {
  name: string;
  gateway: GatewayStatus;
  locks: LockStatus[];
  /** The port plan around where the gateway really runs (its lock's port), else the configured plan. */
  plan: PortPlanEntry[];
  /** Single planned ports with their owners, and every band port that has a listener. */
  ports: PlannedPortStatus[];
  /** True when an installed service or a lock file says this gateway should be running. */
  expectedRunning: boolean;
  canvas: CanvasState | null;
  control: ControlState;
  browserProfiles: BrowserProfileState[];
}

export interface LiveModel {
  snapshot: HostSnapshot;
  probes: ProbeResults;
  profiles: Record<string, LiveProfile>;
  /** Overlaps of the plans as they run (a gateway started elsewhere brings its derived ports along). */
  overlaps: Overlap[];
}
