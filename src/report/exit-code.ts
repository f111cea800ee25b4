// The exit code is a pure function of the findings and the --fail-on threshold.
import type { Finding, Severity } from '../doctor/api.js';
import { EXIT_FINDINGS, EXIT_OK } from '../runtime.js';

const RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 };

export function exitCode(findings: readonly Finding[], failOn: Severity): number {
  return findings.some((finding) => RANK[finding.severity] >= RANK[failOn]) ? EXIT_FINDINGS : EXIT_OK;
}

export function summarise(findings: readonly Finding[]): Record<Severity, number> {
  const summary: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const finding of findings) summary[finding.severity] += 1;
  return summary;
}
