// The one input every CI and fleet reporter renders, and the few layout helpers they share.
import type { Finding, Severity } from '../../doctor/api.js';
import { redact } from '../../redact.js';
import { fingerprintOf, involvedProfiles } from './fingerprint.js';

/** A finding with its identity: every profile it concerns and its stable fingerprint. */
export type ReportFinding = Finding & { profiles: string[]; fingerprint: string };

export interface ReportProfile {
  name: string;
  stateDir: string;
  configPath: string;
  gatewayPort: number;
  gateway: { state: string; port: number } | null;
}

export interface ReportInput {
  tool: { name: string; version: string };
  host: { hostname: string; platform: string };
  /** ISO time the run ended and the report was made. */
  generatedAt: string;
  durationMs: number;
  failOn: Severity;
  checks: Array<{ id: string; title: string; scope: 'host' | 'profile'; looksAt: string }>;
  checksRun: string[];
  profiles: ReportProfile[];
  findings: ReportFinding[];
}

export function toReportFinding(finding: Finding): ReportFinding {
  return { ...finding, profiles: involvedProfiles(finding), fingerprint: fingerprintOf(finding) };
}

const RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 };

/** True when a finding of this severity fails the run (the same rule as the exit code). */
export function failsRun(severity: Severity, failOn: Severity): boolean {
  return RANK[severity] >= RANK[failOn];
}

/** The fix as plain lines: the hint, then each command after `$ `; secrets redacted, since CI logs are widely readable. */
export function fixLines(finding: Finding): string[] {
  return [`fix: ${redact(finding.fixHint)}`, ...(finding.fix?.commands ?? []).map((command) => `$ ${redact(command)}`)];
}

/** The file a finding points at, and its line when known: the file its evidence names, else the profile's config for a config key, else the state dir. */
export function findingLocation(
  finding: Finding,
  profiles: readonly ReportProfile[],
): { file: string; line?: number; column?: number; directory: boolean } | null {
  const line = positiveInteger(finding.evidence.line);
  const column = positiveInteger(finding.evidence.column);
  const position = { ...(line !== undefined ? { line } : {}), ...(line !== undefined && column !== undefined ? { column } : {}) };
  if (typeof finding.evidence.file === 'string' && finding.evidence.file !== '') return { file: finding.evidence.file, ...position, directory: false };
  const subject = finding.profile ?? involvedProfiles(finding)[0];
  const profile = profiles.find((candidate) => candidate.name === subject);
  if (!profile) return null;
  if (finding.path !== undefined || line !== undefined) return { file: profile.configPath, ...position, directory: false };
  return { file: profile.stateDir, directory: true };
}

function positiveInteger(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 ? value : undefined;
}
