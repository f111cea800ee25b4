// GitHub Actions workflow commands: one annotation per finding, then a plain summary line.
import type { Severity } from '../../doctor/api.js';
import { summarise } from '../exit-code.js';
import { redact } from '../../redact.js';
import { failsRun, findingLocation, fixLines, type ReportFinding, type ReportInput } from './input.js';

const COMMAND: Record<Severity, 'error' | 'warning' | 'notice'> = { error: 'error', warning: 'warning', info: 'notice' };

/** Message escaping as in @actions/core's `escapeData`: a finding can never end its line or start another command. */
function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Property escaping as in @actions/core's `escapeProperty`: also `:` and `,`, which delimit properties. */
function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function annotation(finding: ReportFinding, input: ReportInput): string {
  const where = findingLocation(finding, input.profiles);
  const properties: Array<[string, string]> = [
    ...(where ? [['file', where.file] as [string, string]] : []),
    ...(where?.line !== undefined ? [['line', String(where.line)] as [string, string]] : []),
    ...(where?.column !== undefined ? [['col', String(where.column)] as [string, string]] : []),
    ['title', `${finding.checkId}${finding.profile !== null ? ` (${finding.profile})` : ''}`],
  ];
  const message = [redact(finding.message), ...fixLines(finding)].join('\n');
  return `::${COMMAND[finding.severity]} ${properties.map(([key, value]) => `${key}=${escapeProperty(value)}`).join(',')}::${escapeData(message)}`;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** Not a command, and escaped like one's data, so a hostile host name cannot open a line of its own. */
function summaryLine(input: ReportInput): string {
  const counts = summarise(input.findings);
  const failed = input.findings.some((finding) => failsRun(finding.severity, input.failOn));
  const text = `${input.tool.name} on ${input.host.hostname}: ${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}, ${counts.info} info · ${plural(input.checksRun.length, 'check')} run · fail-on ${input.failOn}: ${failed ? 'failed' : 'passed'}`;
  return escapeData(text);
}

export function renderGithub(input: ReportInput): string {
  return `${[...input.findings.map((finding) => annotation(finding, input)), summaryLine(input)].join('\n')}\n`;
}
