// What a doctor run produced: the model it read, the findings, and the exit code they give.
import type { HostModel, Profile } from '../model.js';
import type { LiveModel } from '../attribute/live.js';
import type { Check, Finding, Severity } from './api.js';

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
