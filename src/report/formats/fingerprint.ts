// A finding's stable identity across runs of the same host state: sha256 over its check, profiles, config key and identifying evidence.
import { createHash } from 'node:crypto';
import type { Finding } from '../../doctor/api.js';

/**
 * Evidence keys that say *what* is wrong: ports, roles, config keys, paths, profile names, env values.
 * Every other key is left out on purpose: pids, command lines and owner descriptions change when a
 * process restarts; probe answers, lock states, free-text details and errors change with timing and
 * wording; suggested ports depend on which other ports happen to be free; line and column numbers
 * move when an unrelated part of the config is edited. A key missing from this list never changes a
 * fingerprint, so a new volatile key in a check cannot churn baselines.
 */
export const STABLE_EVIDENCE_KEYS: readonly string[] = [
  'port',
  'actualPort',
  'cliPort',
  'role',
  'planSource',
  'source',
  'channel',
  'endpoint',
  'keys',
  'kind',
  'path',
  'paths',
  'file',
  'realPath',
  'realPaths',
  'configPaths',
  'stateDir',
  'stateDirs',
  'workspace',
  'workspaces',
  'insideStateDirOf',
  'relation',
  'nested',
  'shared',
  'from',
  'to',
  'ownerProfile',
  'variable',
  'method',
  'OPENCLAW_PROFILE',
  'OPENCLAW_STATE_DIR',
  'OPENCLAW_GATEWAY_PORT',
];

/** Bumped whenever the hashed material changes, so old baselines are recognisably old. */
const FINGERPRINT_VERSION = 1;
const FINGERPRINT_LENGTH = 32;

/** The profiles a finding is about: its own and every other one involved, sorted and unique. */
export function involvedProfiles(finding: Finding): string[] {
  const all = finding.profile === null ? finding.profiles : [finding.profile, ...finding.profiles];
  return [...new Set(all)].sort();
}

/** JSON with object keys sorted at every depth, so key order never changes a hash. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function stableEvidence(evidence: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(STABLE_EVIDENCE_KEYS.filter((key) => evidence[key] !== undefined).map((key) => [key, evidence[key]]));
}

/** 32 hex characters (128 bits) of sha256; never over the message wording, which may be reworded between releases. */
export function fingerprintOf(finding: Finding): string {
  const material = canonicalJson({
    version: FINGERPRINT_VERSION,
    checkId: finding.checkId,
    profile: finding.profile,
    profiles: involvedProfiles(finding),
    path: finding.path ?? null,
    evidence: stableEvidence(finding.evidence),
  });
  return createHash('sha256').update(material).digest('hex').slice(0, FINGERPRINT_LENGTH);
}
