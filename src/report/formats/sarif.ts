// SARIF 2.1.0 for GitHub code scanning: one rule per check, one result per finding, located at the config file or state dir.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Severity } from '../../doctor/api.js';
import { redact } from '../../redact.js';
import { findingLocation, fixLines, type ReportFinding, type ReportInput } from './input.js';

const SARIF_SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
/** The key GitHub code scanning matches alerts by across uploads; versioned like the fingerprint itself. */
const FINGERPRINT_KEY = 'clawdocFingerprint/v1';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

type Check = ReportInput['checks'][number];

/** `ports/duplicate-gateway` → `PortsDuplicateGateway`: SARIF's `name` is an identifier-like label. */
function ruleName(id: string): string {
  return id
    .split(/[^a-zA-Z0-9]+/)
    .filter(Boolean)
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join('');
}

/** Every check of the catalog, plus any finding's check id the catalog lacks, so every result has a rule. */
function rulesOf(input: ReportInput): Check[] {
  const known = new Set(input.checks.map((check) => check.id));
  const extra = [...new Set(input.findings.map((finding) => finding.checkId).filter((id) => !known.has(id)))];
  return [...input.checks, ...extra.map((id): Check => ({ id, title: id, scope: 'host', looksAt: 'unknown' }))];
}

/** One line, with what Markdown would turn into links, HTML, code or emphasis backslash-escaped. */
function markdownText(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').replace(/[\\`*_[\]<>|~!]/g, (character) => `\\${character}`);
}

function ruleHelp(check: Check, findings: readonly ReportFinding[]): { text: string; markdown: string } {
  const hints = [...new Set(findings.map((finding) => redact(finding.fixHint)))];
  const text = [`${check.title}.`, `Looks at: ${check.looksAt}.`, ...hints.map((hint) => `Fix: ${hint}`)].join('\n');
  const markdown = [
    `**${markdownText(check.title)}.**`,
    '',
    `Looks at: ${markdownText(check.looksAt)}.`,
    ...(hints.length > 0 ? ['', '**Fix**', '', ...hints.map((hint) => `- ${markdownText(hint)}`)] : []),
  ].join('\n');
  return { text, markdown };
}

function rule(check: Check, findings: readonly ReportFinding[]): object {
  return {
    id: check.id,
    name: ruleName(check.id),
    shortDescription: { text: check.title },
    fullDescription: { text: `${check.title}. Looks at: ${check.looksAt}.` },
    help: ruleHelp(
      check,
      findings.filter((finding) => finding.checkId === check.id),
    ),
    properties: { scope: check.scope, tags: [...new Set(['clawdoc', check.id.split('/')[0]!])] },
  };
}

/** Lone surrogates become U+FFFD, as ES2024's `toWellFormed` does: `encodeURIComponent` throws on them. */
function wellFormed(text: string): string {
  return text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

/** An absolute path as a file:// URI; a relative one as a relative reference (resolving it would read the working directory). */
function fileUri(file: string, directory: boolean): string {
  const href = path.isAbsolute(file) ? pathToFileURL(file).href : wellFormed(file).split('/').map(encodeURIComponent).join('/');
  return directory && !href.endsWith('/') ? `${href}/` : href;
}

/** GitHub needs a physical location; a finding about no profile and no file gets a logical one naming the host. */
function locations(finding: ReportFinding, input: ReportInput): object[] {
  const where = findingLocation(finding, input.profiles);
  if (!where) return [{ logicalLocations: [{ name: input.host.hostname, kind: 'module' }] }];
  const region = where.line !== undefined ? { region: { startLine: where.line, ...(where.column !== undefined ? { startColumn: where.column } : {}) } } : {};
  return [{ physicalLocation: { artifactLocation: { uri: fileUri(where.file, where.directory) }, ...region } }];
}

function result(finding: ReportFinding, input: ReportInput, ruleIndex: number): object {
  return {
    ruleId: finding.checkId,
    ruleIndex,
    level: LEVEL[finding.severity],
    message: { text: [redact(finding.message), ...fixLines(finding)].join('\n') },
    locations: locations(finding, input),
    partialFingerprints: { [FINGERPRINT_KEY]: finding.fingerprint },
    properties: {
      severity: finding.severity,
      profile: finding.profile,
      profiles: finding.profiles,
      ...(finding.path !== undefined ? { configKey: finding.path } : {}),
    },
  };
}

export function renderSarif(input: ReportInput): string {
  const rules = rulesOf(input);
  const index = new Map(rules.map((check, position) => [check.id, position]));
  const end = new Date(input.generatedAt);
  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: input.tool.name,
            version: input.tool.version,
            semanticVersion: input.tool.version,
            rules: rules.map((check) => rule(check, input.findings)),
          },
        },
        // One category per host, so a fleet's uploads to one repository do not close each other's alerts.
        automationDetails: { id: `${input.tool.name}/${input.host.hostname}/` },
        invocations: [
          {
            executionSuccessful: true,
            startTimeUtc: new Date(end.getTime() - input.durationMs).toISOString(),
            endTimeUtc: end.toISOString(),
            machine: input.host.hostname,
          },
        ],
        results: input.findings.map((finding) => result(finding, input, index.get(finding.checkId)!)),
        properties: {
          hostname: input.host.hostname,
          platform: input.host.platform,
          generatedAt: input.generatedAt,
          failOn: input.failOn,
          checksRun: input.checksRun,
          profiles: input.profiles.map((profile) => profile.name),
        },
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
