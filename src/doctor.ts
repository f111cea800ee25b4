// The doctor: observe and probe once, run every selected check over the frozen context, decide the exit code.
import type { Check, Severity } from './checks/api.js';
import type { HostModel, Profile } from './model.js';
import type { LiveModel } from './host/live.js';
import { runChecks, type CheckSelection } from './checks/run.js';
import { findOverlaps } from './ports/overlaps.js';
import { exitCode } from './report/exit-code.js';
import type { DoctorResult } from './report/doctor.js';

export interface DoctorOptions {
  checks: readonly Check[];
  selection: CheckSelection;
  failOn: Severity;
}

export function runDoctor(model: HostModel, focus: readonly Profile[], live: LiveModel, options: DoctorOptions): DoctorResult {
  const context = { model, profiles: model.profiles, focus, overlaps: findOverlaps(model.profiles), live };
  const run = runChecks(options.checks, Object.freeze(context), options.selection);
  return {
    model,
    focus,
    checks: options.checks,
    checksRun: run.checksRun,
    findings: run.findings,
    exitCode: exitCode(run.findings, options.failOn),
    failOn: options.failOn,
  };
}
