// What a doctor run produced: the model it read, the findings, and the exit code they give.
import type { HostModel, Profile } from '../model.js';
import type { LiveModel } from '../attribute/live.js';
import type { Check, Finding, Severity } from './api.js';

/** The host-wide plan as the doctor shows it: each step's commands, and which steps resolve which finding. */
export interface PlanView {
  steps: Array<{ id: string; why: string; commands: string[] }>;
  /** Finding fingerprint -> ids of the steps that resolve it. */
  stepsByFinding: Record<string, string[]>;
}

export interface DoctorResult {
  model: HostModel;
  live: LiveModel;
  focus: readonly Profile[];
  checks: readonly Check[];
  checksRun: readonly string[];
  findings: readonly Finding[];
  exitCode: number;
  failOn: Severity;
}
