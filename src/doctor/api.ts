// The check plugin API: what a check receives, what it returns, and `defineCheck` for type inference.
import type { HostModel, LayoutVersion, Profile } from '../model.js';
import type { Overlap } from '../model.js';
import type { LiveModel, LiveProfile } from '../attribute/live.js';

export type Severity = 'error' | 'warning' | 'info';
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

export interface Fix {
  /** Exact commands, in OpenClaw's own terms where one exists. */
  commands: string[];
}

/** A finding: a superset of `openclaw doctor --lint --json` findings (checkId, severity, message, path, fixHint). */
export interface Finding {
  checkId: string;
  severity: Severity;
  /** The profile the finding is about (the one its fix changes); null for host-wide. */
  profile: string | null;
  /** Every profile involved (the one that changes and the ones it conflicts with). */
  profiles: string[];
  message: string;
  /** Config key, dotted. */
  path?: string;
  fixHint: string;
  fix?: Fix;
  /** The facts that led to it: ports, pids, paths, sources. */
  evidence: Record<string, unknown>;
}

/** What a check returns: a finding without its checkId (the runner stamps it); `profiles` defaults to `[profile]`. */
export type FindingDraft = Omit<Finding, 'checkId' | 'profiles'> & { profiles?: string[] };

export interface CheckContext {
  model: HostModel;
  /** Every profile on the host: conflicts are between profiles. */
  profiles: readonly Profile[];
  /** The profiles the run is about (all with --all-profiles, else the selected one). */
  focus: readonly Profile[];
  overlaps: readonly Overlap[];
  /** Who owns each port, lock states and probe answers; the snapshot and probes ran once before the checks. */
  live: LiveModel;
  /** Ids of the checks this run runs (after --only/--skip and layouts), so a check can tell whether another will report a case it defers to. Absent: all of them. */
  selected?: ReadonlySet<string>;
}

export interface ProfileCheckContext extends CheckContext {
  profile: Profile;
  /** The profile's live view: gateway state, locks, plan as it runs, owners of its ports. */
  own: LiveProfile;
}

interface CheckBase {
  id: string;
  /** The healthy state in one sentence. */
  title: string;
  /** What the check reads, for `clawdoc checks`. */
  looksAt: string;
  /** Layouts the check applies to; all when absent. */
  layouts?: readonly LayoutVersion[];
}

export interface HostCheck extends CheckBase {
  scope: 'host';
  run(context: CheckContext): FindingDraft[];
}

export interface ProfileCheck extends CheckBase {
  scope: 'profile';
  run(context: ProfileCheckContext): FindingDraft[];
}

export type Check = HostCheck | ProfileCheck;

/** Identity function: gives a check literal full type inference. */
export function defineCheck<T extends Check>(check: T): T {
  return check;
}
