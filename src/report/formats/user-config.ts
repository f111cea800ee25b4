// The user's clawdoc config file (JSON5): --fail-on, skipped checks, per-check severities and a baseline path, validated strictly.
import JSON5 from 'json5';
import { SEVERITIES, type Finding, type Severity } from '../../doctor/api.js';
import { compareFindings, matchesId } from '../../doctor/run.js';
import { describeValue } from './describe-value.js';

export type SeverityOverride = Severity | 'off';

export interface UserConfig {
  failOn?: Severity;
  /** Check ids or folders (`ports/`), as with --skip. */
  skip?: string[];
  /** A new severity per check id or folder; `off` drops the check's findings. The most specific pattern wins. */
  severity?: Record<string, SeverityOverride>;
  /** Path of the baseline file, as written (the caller resolves it against the config's directory). */
  baseline?: string;
}

/** Thrown by `parseUserConfig`; the message names the file and the key. */
export class UserConfigError extends Error {
  override name = 'UserConfigError';
}

const KEYS = ['failOn', 'skip', 'severity', 'baseline'];
const OVERRIDES: readonly SeverityOverride[] = [...SEVERITIES, 'off'];
/** A check id (`ports/spacing`) or a folder of them (`ports`, `ports/`). */
const CHECK_PATTERN = /^[a-z0-9-]+(\/[a-z0-9-]+)*\/?$/;

type Fail = (message: string) => never;

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function failOnOf(value: unknown, fail: Fail): Severity {
  if (!SEVERITIES.includes(value as Severity)) fail(`failOn must be one of ${SEVERITIES.join(', ')} (found ${describeValue(value)})`);
  return value as Severity;
}

function skipOf(value: unknown, fail: Fail): string[] {
  if (!Array.isArray(value)) fail(`skip must be an array of check ids (found ${describeValue(value)})`);
  return (value as unknown[]).map((item, index) => {
    if (typeof item !== 'string' || !CHECK_PATTERN.test(item))
      fail(`skip[${index}] must be a check id or folder, like "ports/spacing" or "ports/" (found ${describeValue(item)})`);
    return item as string;
  });
}

function severityOf(value: unknown, fail: Fail): Record<string, SeverityOverride> {
  if (!isRecord(value)) fail(`severity must be an object of check id → ${OVERRIDES.join(' | ')} (found ${describeValue(value)})`);
  const entries = Object.entries(value as Record<string, unknown>).map(([id, level]): [string, SeverityOverride] => {
    if (!CHECK_PATTERN.test(id)) fail(`severity has a key ${JSON.stringify(id)} that is not a check id or folder, like "ports/spacing" or "ports/"`);
    if (!OVERRIDES.includes(level as SeverityOverride))
      fail(`severity[${JSON.stringify(id)}] must be one of ${OVERRIDES.join(', ')} (found ${describeValue(level)})`);
    return [id, level as SeverityOverride];
  });
  return Object.fromEntries(entries);
}

function baselineOf(value: unknown, fail: Fail): string {
  if (typeof value !== 'string' || value.trim() === '') fail(`baseline must be the path of a baseline file (found ${describeValue(value)})`);
  return value as string;
}

/** Reads the config file's text; `source` (its path) starts every error message. Unknown keys are errors, so a typo never passes silently. */
export function parseUserConfig(text: string, source: string): UserConfig {
  const fail: Fail = (message) => {
    throw new UserConfigError(`${source}: ${message}`);
  };
  let json: unknown;
  try {
    json = JSON5.parse(text);
  } catch (error) {
    fail(`not valid JSON5: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!isRecord(json)) fail(`the config must be an object (found ${describeValue(json)})`);
  const config = json as Record<string, unknown>;
  const unknown = Object.keys(config).find((key) => !KEYS.includes(key));
  if (unknown !== undefined) fail(`unknown key ${JSON.stringify(unknown)} (known: ${KEYS.join(', ')})`);
  return {
    ...(config.failOn !== undefined ? { failOn: failOnOf(config.failOn, fail) } : {}),
    ...(config.skip !== undefined ? { skip: skipOf(config.skip, fail) } : {}),
    ...(config.severity !== undefined ? { severity: severityOf(config.severity, fail) } : {}),
    ...(config.baseline !== undefined ? { baseline: baselineOf(config.baseline, fail) } : {}),
  };
}

/** The override for a check id: an exact id beats its folder, a deeper folder beats a shallower one. */
function overrideFor(checkId: string, overrides: Record<string, SeverityOverride>): SeverityOverride | undefined {
  const matching = Object.keys(overrides).filter((pattern) => matchesId(checkId, pattern));
  const specific = matching.sort((a, b) => b.replace(/\/$/, '').length - a.replace(/\/$/, '').length)[0];
  return specific === undefined ? undefined : overrides[specific];
}

/** Findings with their overridden severities, `off` ones dropped, sorted again the usual way. */
export function applySeverityOverrides<T extends Finding>(findings: readonly T[], overrides: Record<string, SeverityOverride>): T[] {
  return findings
    .flatMap((finding) => {
      const override = overrideFor(finding.checkId, overrides);
      if (override === 'off') return [];
      return [override === undefined ? finding : { ...finding, severity: override }];
    })
    .sort(compareFindings);
}
