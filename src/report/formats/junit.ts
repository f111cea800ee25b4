// JUnit XML for CI test reports: a suite per profile plus `host`, a test case per check run, failures at or above --fail-on.
import { redact } from '../../redact.js';
import { failsRun, fixLines, type ReportFinding, type ReportInput } from './input.js';

const HOST_SUITE = 'host';

interface TestCase {
  checkId: string;
  failures: ReportFinding[];
  notes: ReportFinding[];
}

interface TestSuite {
  name: string;
  properties: Array<[string, string]>;
  cases: TestCase[];
}

/** XML 1.0 forbids most C0 controls, U+FFFE/U+FFFF and lone surrogates even as references: they become U+FFFD. */
function xmlSafe(text: string): string {
  return text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

/** Carriage returns as references: a parser folds a raw `\r\n` to `\n`. */
function xmlText(text: string): string {
  return xmlSafe(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
}

/** Attribute values also escape quotes, and keep line breaks and tabs as references (a parser folds raw ones to spaces). */
function xmlAttribute(text: string): string {
  return xmlText(text).replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\n/g, '&#10;').replace(/\t/g, '&#9;');
}

function attributes(values: Record<string, string | number>): string {
  return Object.entries(values)
    .map(([key, value]) => ` ${key}="${xmlAttribute(String(value))}"`)
    .join('');
}

function findingBlock(finding: ReportFinding): string {
  return [`[${finding.severity}] ${redact(finding.message)}`, ...fixLines(finding)].join('\n');
}

/** The profile whose suite holds a finding, or null for the host suite: host-wide findings and profiles outside the report (even one named `host`). */
function suiteOf(finding: ReportFinding, profileNames: ReadonlySet<string>): string | null {
  return finding.profile !== null && profileNames.has(finding.profile) ? finding.profile : null;
}

function testCases(checkIds: readonly string[], findings: readonly ReportFinding[], input: ReportInput): TestCase[] {
  const ids = [...new Set([...checkIds, ...findings.map((finding) => finding.checkId)])];
  return ids.map((checkId) => {
    const own = findings.filter((finding) => finding.checkId === checkId);
    return {
      checkId,
      failures: own.filter((finding) => failsRun(finding.severity, input.failOn)),
      notes: own.filter((finding) => !failsRun(finding.severity, input.failOn)),
    };
  });
}

/** Profile suites list every check run (host-wide checks judge each profile too); the host suite lists the host-wide checks. */
function suites(input: ReportInput): TestSuite[] {
  const profileNames = new Set(input.profiles.map((profile) => profile.name));
  const hostChecks = input.checksRun.filter((id) => input.checks.find((check) => check.id === id)?.scope !== 'profile');
  const findingsOf = (suite: string | null) => input.findings.filter((finding) => suiteOf(finding, profileNames) === suite);
  const profileSuites = input.profiles.map((profile): TestSuite => ({
    name: profile.name,
    properties: [
      ['stateDir', profile.stateDir],
      ['configPath', profile.configPath],
      ['gatewayPort', String(profile.gatewayPort)],
      ['gatewayState', profile.gateway?.state ?? 'unknown'],
    ],
    cases: testCases(input.checksRun, findingsOf(profile.name), input),
  }));
  const hostSuite: TestSuite = {
    name: HOST_SUITE,
    properties: [
      ['platform', input.host.platform],
      ['tool', `${input.tool.name} ${input.tool.version}`],
      ['failOn', input.failOn],
    ],
    cases: testCases(hostChecks, findingsOf(null), input),
  };
  return [...profileSuites, hostSuite];
}

function testCaseXml(suite: string, testCase: TestCase): string {
  const open = `    <testcase${attributes({ classname: suite, name: testCase.checkId, time: '0.000' })}`;
  if (testCase.failures.length === 0 && testCase.notes.length === 0) return `${open}/>`;
  const lines = [`${open}>`];
  if (testCase.failures.length > 0) {
    const message = testCase.failures.map((finding) => redact(finding.message)).join('; ');
    const body = testCase.failures.map(findingBlock).join('\n\n');
    lines.push(`      <failure${attributes({ message, type: testCase.failures[0]!.severity })}>${xmlText(body)}</failure>`);
  }
  if (testCase.notes.length > 0) lines.push(`      <system-out>${xmlText(testCase.notes.map(findingBlock).join('\n\n'))}</system-out>`);
  lines.push('    </testcase>');
  return lines.join('\n');
}

function failureCount(suite: TestSuite): number {
  return suite.cases.filter((testCase) => testCase.failures.length > 0).length;
}

export function renderJunit(input: ReportInput): string {
  // junit-10.xsd's timestamp carries no zone: this one is UTC, to the second.
  const timestamp = new Date(input.generatedAt).toISOString().slice(0, 19);
  const time = (input.durationMs / 1000).toFixed(3);
  const hostname = input.host.hostname;
  const all = suites(input);
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites${attributes({ name: input.tool.name, tests: all.reduce((sum, suite) => sum + suite.cases.length, 0), failures: all.reduce((sum, suite) => sum + failureCount(suite), 0), errors: 0, time, timestamp, hostname })}>`,
  ];
  for (const suite of all) {
    lines.push(
      `  <testsuite${attributes({ name: suite.name, tests: suite.cases.length, failures: failureCount(suite), errors: 0, skipped: 0, time: '0.000', timestamp, hostname })}>`,
    );
    lines.push('    <properties>');
    for (const [name, value] of suite.properties) lines.push(`      <property${attributes({ name, value })}/>`);
    lines.push('    </properties>');
    for (const testCase of suite.cases) lines.push(testCaseXml(suite.name, testCase));
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>');
  return `${lines.join('\n')}\n`;
}
