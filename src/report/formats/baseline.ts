// Baselines: findings accepted on purpose, stored by fingerprint, hidden from later runs until they go away.
import { redact } from '../../redact.js';
import { describeValue } from './describe-value.js';
import type { ReportFinding } from './input.js';

interface BaselineEntry {
  fingerprint: string;
  checkId: string;
  /** Null for a host-wide finding. */
  profile: string | null;
  /** The message when the finding was accepted, for the reader of the file; matching uses the fingerprint alone. */
  message: string;
  /** Why the finding was accepted. */
  reason: string;
}

export interface BaselineFile {
  schemaVersion: 1;
  generatedAt: string;
  findings: BaselineEntry[];
}

export interface BaselineResult<T> {
  kept: T[];
  hidden: T[];
  /** Baselined fingerprints no longer found: fixed, or changed enough to be a new finding. */
  gone: BaselineEntry[];
}

/** Thrown by `parseBaseline`; the message names the file and the field. */
export class BaselineError extends Error {
  override name = 'BaselineError';
}

const ENTRY_KEYS = ['fingerprint', 'checkId', 'profile', 'message', 'reason'];
const FILE_KEYS = ['schemaVersion', 'generatedAt', 'findings'];

/** One entry per fingerprint, in the findings' order; `generatedAt` comes from the caller, which owns the clock. */
export function makeBaseline(findings: readonly ReportFinding[], reason: string, generatedAt: string): BaselineFile {
  const seen = new Set<string>();
  const entries: BaselineEntry[] = [];
  for (const finding of findings) {
    if (seen.has(finding.fingerprint)) continue;
    seen.add(finding.fingerprint);
    entries.push({ fingerprint: finding.fingerprint, checkId: finding.checkId, profile: finding.profile, message: redact(finding.message), reason });
  }
  return { schemaVersion: 1, generatedAt, findings: entries };
}

export function formatBaseline(baseline: BaselineFile): string {
  return `${JSON.stringify(baseline, null, 2)}\n`;
}

function record(value: unknown, where: string, keys: readonly string[], fail: (message: string) => never): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) fail(`${where} must be an object (found ${describeValue(value)})`);
  const unknown = Object.keys(value as object).find((key) => !keys.includes(key));
  if (unknown !== undefined) fail(`${where} has an unknown key ${JSON.stringify(unknown)} (known: ${keys.join(', ')})`);
  return value as Record<string, unknown>;
}

function entry(value: unknown, where: string, fail: (message: string) => never): BaselineEntry {
  const item = record(value, where, ENTRY_KEYS, fail);
  if (typeof item.fingerprint !== 'string' || !/^[0-9a-f]{16,64}$/.test(item.fingerprint))
    fail(`${where}.fingerprint must be 16 to 64 lowercase hex characters (found ${describeValue(item.fingerprint)})`);
  if (typeof item.checkId !== 'string' || item.checkId === '') fail(`${where}.checkId must be a check id (found ${describeValue(item.checkId)})`);
  if (item.profile !== null && typeof item.profile !== 'string') fail(`${where}.profile must be a profile name or null (found ${describeValue(item.profile)})`);
  for (const key of ['message', 'reason'] as const) {
    if (typeof item[key] !== 'string') fail(`${where}.${key} must be a string (found ${describeValue(item[key])})`);
  }
  return { fingerprint: item.fingerprint, checkId: item.checkId, profile: item.profile, message: item.message as string, reason: item.reason as string };
}

/** Reads a baseline file's text; `source` (its path) starts every error message. */
export function parseBaseline(text: string, source = 'baseline'): BaselineFile {
  const fail: (message: string) => never = (message) => {
    throw new BaselineError(`${source}: ${message}`);
  };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    fail(`not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const file = record(json, 'the baseline', FILE_KEYS, fail);
  if (file.schemaVersion !== 1) fail(`schemaVersion must be 1 (found ${describeValue(file.schemaVersion)}); this clawdoc reads baselines of version 1 only`);
  if (typeof file.generatedAt !== 'string') fail(`generatedAt must be an ISO time string (found ${describeValue(file.generatedAt)})`);
  if (!Array.isArray(file.findings)) fail(`findings must be an array (found ${describeValue(file.findings)})`);
  return { schemaVersion: 1, generatedAt: file.generatedAt, findings: file.findings.map((item, index) => entry(item, `findings[${index}]`, fail)) };
}

export function applyBaseline<T extends ReportFinding>(findings: readonly T[], baseline: BaselineFile): BaselineResult<T> {
  const accepted = new Set(baseline.findings.map((item) => item.fingerprint));
  const present = new Set(findings.map((finding) => finding.fingerprint));
  return {
    kept: findings.filter((finding) => !accepted.has(finding.fingerprint)),
    hidden: findings.filter((finding) => accepted.has(finding.fingerprint)),
    gone: baseline.findings.filter((item) => !present.has(item.fingerprint)),
  };
}
