// The live view of the host the checks read: who owns each planned port, lock states, gateway states.
import type { PortPlanEntry } from '../model.js';
import type { HostSnapshot } from './types.js';
import type { GatewayProbe, ProbeResults } from '../probe/types.js';

export type OwnerKind = 'gateway-of-profile' | 'chromium' | 'other' | 'unknown';

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

export type LockState = 'live' | 'stale' | 'inconsistent' | 'unreadable';

export interface LockStatus {
  file: string;
  kind: 'state' | 'config';
  location: 'state-dir' | 'tmpdir';
  state: LockState;
  pid: number | null;
  port: number | null;
  reason: string;
}

export type GatewayState = 'running' | 'stopped' | 'unhealthy' | 'foreign';

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
}

export interface PlannedPortStatus {
  entry: PortPlanEntry;
  port: number;
  owners: PortOwner[];
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
}

export interface LiveModel {
  snapshot: HostSnapshot;
  probes: ProbeResults;
  profiles: Record<string, LiveProfile>;
}
