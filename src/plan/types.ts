// The host-wide repair plan: what `clawdoc fix` prints, proves and applies.
import type { CommandLine } from '../fixes/command-line.js';

type StepKind = 'environment' | 'supervisor' | 'config' | 'service' | 'restart' | 'restart-unmanaged' | 'manual';

/** One command of a step: the argv execFile runs and the text printed for the host's shell. */
interface PlanCommand {
  line: CommandLine;
  text: string;
}

export interface PlanStep {
  /** `s1`, `s2`, ... in execution order; stable across runs of the same host. */
  id: string;
  kind: StepKind;
  profile: string | null;
  /** Fingerprints of the findings this step helps resolve. */
  resolves: string[];
  why: string;
  commands: PlanCommand[];
  touchesRunningGateway: boolean;
  /** False when the step cannot be undone from backups alone (a process stop, the operator's shell). */
  undoable: boolean;
  /** What the step needs before `fix --apply` runs it itself (`--restart-unmanaged`, the operator's shell, an edit by hand). */
  requires?: 'restart-unmanaged' | 'operator-shell' | 'manual-edit';
  /** For apply: the files the step may change (configs, service files), backed up first. */
  files: string[];
  /** For restarts of hand-started gateways: the pid to stop and the state dir its lock must name. */
  stop?: { pid: number; stateDir: string };
}

/** A finding the plan does not resolve, with the reason: shown as a manual step. */
export interface Remainder {
  fingerprint: string;
  checkId: string;
  severity: string;
  profile: string | null;
  message: string;
  reason: string;
}

/** Per profile, where the plan takes it. */
export interface ProfileChange {
  profile: string;
  fromPort: number;
  toPort: number;
  running: boolean;
  restart: boolean;
  cdpPorts: Record<string, number>;
  webhookPorts: Record<string, number>;
  paths: Record<string, string>;
}

export interface FixPlan {
  steps: PlanStep[];
  changes: ProfileChange[];
  /** Fingerprints of every warning/error finding the simulated plan makes go away. */
  resolved: string[];
  remainder: Remainder[];
  /** True when the simulated host has none of the claimed findings and no new warning or error. */
  proven: boolean;
  /** New warning/error findings the simulation found (then the plan is not offered). */
  introduced: Remainder[];
  /** finding fingerprint -> step ids, for doctor. */
  stepsByFinding: Record<string, string[]>;
}
