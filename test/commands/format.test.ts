// `doctor --format` and `--output` through the CLI: each format valid by its own standard, files written whole.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import parsePrometheus from 'parse-prometheus-text-format';
import { afterEach, describe, expect, it } from 'vitest';
import { fixtureHome, ROOT, runCli } from '../support/runtime.js';
import { jsonSchemaErrors } from '../support/schema.js';
import { builtinChecks } from '../../checks/index.js';

import { validateSarif } from '../support/sarif.js';

const home = fixtureHome('duplicate-port');
const env = { PATH: '/usr/bin:/bin', HOME: home };
const doctor = (...args: string[]) => runCli(['--home', home, '--layout', '2026.9', 'doctor', '--all-profiles', ...args], { env });

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clawdoc-format-'));
  dirs.push(dir);
  return dir;
}

describe('doctor --format', () => {
  it('sarif is valid SARIF 2.1.0 with one result per finding, carrying host, time and fingerprints', async () => {
    const run = await doctor('--format', 'sarif');
    const log = JSON.parse(run.stdout);
    expect(validateSarif(log), JSON.stringify(validateSarif.errors)).toBe(true);
    const results = log.runs[0].results as Array<{ ruleId: string; partialFingerprints: Record<string, string> }>;
    expect(results.map((result) => result.ruleId)).toEqual(['ports/duplicate-gateway', 'gateway/not-running', 'gateway/not-running']);
    expect(Object.values(results[0]!.partialFingerprints)[0]).toMatch(/^[0-9a-f]{32}$/);
    expect(JSON.stringify(log)).toContain('testhost');
    expect(JSON.stringify(log)).toContain('2026-11-25T00:00:00');
    expect([run.stderr, run.exitCode]).toEqual(['', 1]);
  });

  it('junit parses as XML with a failure for the error and nothing failing below --fail-on', async () => {
    const run = await doctor('--format', 'junit');
    expect(XMLValidator.validate(run.stdout)).toBe(true);
    const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => ['testsuite', 'testcase', 'failure'].includes(name) });
    const suites = parser.parse(run.stdout).testsuites;
    expect([suites.hostname, suites.timestamp, suites.failures]).toEqual(['testhost', '2026-11-25T00:00:00', '1']);
    const failing = (suites.testsuite as Array<{ name: string; testcase: Array<{ name: string; failure?: unknown[] }> }>).flatMap((suite) =>
      suite.testcase.filter((testcase) => testcase.failure).map((testcase) => `${suite.name}:${testcase.name}`),
    );
    expect(failing).toEqual(['rescue:ports/duplicate-gateway']);
    expect(run.exitCode).toBe(1);
  });

  it('prometheus parses with one series per finding and the run metrics', async () => {
    const run = await doctor('--format', 'prometheus');
    const families = new Map(parsePrometheus(run.stdout).map((family) => [family.name, family]));
    expect(families.get('clawdoc_findings')?.metrics.map((metric) => [metric.labels?.check, metric.labels?.severity, metric.value])).toEqual([
      ['ports/duplicate-gateway', 'error', '1'],
      ['gateway/not-running', 'info', '1'],
      ['gateway/not-running', 'info', '1'],
    ]);
    expect(families.get('clawdoc_last_run_timestamp_seconds')?.metrics[0]).toEqual({
      labels: { host: 'testhost' },
      value: String(Date.parse('2026-11-25T00:00:00Z') / 1000),
    });
    expect(families.get('clawdoc_checks_run')?.metrics[0]?.value).toBe(String(builtinChecks.length));
  });

  it('github prints one annotation per finding and a summary line naming the host', async () => {
    const lines = (await doctor('--format', 'github')).stdout.trimEnd().split('\n');
    expect(lines.map((line) => line.split(' ')[0])).toEqual(['::error', '::notice', '::notice', 'clawdoc']);
    expect(lines.at(-1)).toMatch(/^clawdoc on testhost: 1 error/);
  });

  it('json is the doctor envelope, its findings with fingerprints, valid against the schema', async () => {
    const document = JSON.parse((await doctor('--format', 'json')).stdout);
    expect(jsonSchemaErrors(document)).toEqual([]);
    expect(document.findings.map((finding: { fingerprint: string }) => finding.fingerprint)).toEqual([
      expect.stringMatching(/^[0-9a-f]{32}$/),
      expect.stringMatching(/^[0-9a-f]{32}$/),
      expect.stringMatching(/^[0-9a-f]{32}$/),
    ]);
    expect(new Set(document.findings.map((finding: { fingerprint: string }) => finding.fingerprint)).size).toBe(3);
  });

  it('the same state gives the same fingerprints on every run', async () => {
    const fingerprints = async () => JSON.parse((await doctor('--json')).stdout).findings.map((finding: { fingerprint: string }) => finding.fingerprint);
    expect(await fingerprints()).toEqual(await fingerprints());
  });

  it('--json with another --format is a usage error, as an envelope', async () => {
    const run = await doctor('--json', '--format', 'sarif');
    expect(JSON.parse(run.stdout)).toMatchObject({ ok: false, error: { code: 'usage', message: expect.stringContaining('--json and --format sarif') } });
    expect(run.exitCode).toBe(2);
  });

  it('text reports name the host and the time of the run', async () => {
    const run = await doctor('--no-color');
    expect(run.stdout.trimEnd().split('\n').at(-1)).toBe('testhost · 2026-11-25T00:00:00.000Z');
  });

  it('an unknown format is a usage error listing the formats', async () => {
    const run = await doctor('--format', 'xml');
    expect(run.exitCode).toBe(2);
    expect(run.stderr.replace(/\s+/g, ' ')).toContain('Allowed choices are text, json, sarif, junit, github, prometheus');
  });
});

describe('doctor --output', () => {
  it('writes the report to the file, the same as stdout would have shown, and prints nothing', async () => {
    const file = path.join(tempDir(), 'clawdoc.prom');
    const run = await doctor('--format', 'prometheus', '--output', file);
    expect([run.stdout, run.stderr, run.exitCode]).toEqual(['', '', 1]);
    expect(fs.readFileSync(file, 'utf8')).toBe((await doctor('--format', 'prometheus')).stdout);
  });

  it('replaces an existing file whole and leaves no temp file behind', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'report.sarif');
    fs.writeFileSync(file, 'old and much longer '.repeat(10_000));
    await doctor('--format', 'sarif', '--output', file);
    expect(JSON.parse(fs.readFileSync(file, 'utf8')).version).toBe('2.1.0');
    expect(fs.readdirSync(dir)).toEqual(['report.sarif']);
  });

  it('writes text without colour even when stdout is a terminal', async () => {
    const file = path.join(tempDir(), 'report.txt');
    await runCli(['--home', home, 'doctor', '--all-profiles', '--output', file], { env: { ...env, FORCE_COLOR: '1' }, isTTY: true });
    expect(fs.readFileSync(file, 'utf8')).not.toMatch(/\u001b\[/);
  });

  it('a directory that does not exist is a usage error naming the file', async () => {
    const file = path.join(tempDir(), 'missing', 'report.xml');
    const run = await doctor('--format', 'junit', '--output', file);
    expect(run.exitCode).toBe(2);
    expect(run.stderr.replace(/\s+/g, ' ')).toContain('cannot write it (ENOENT)');
  });
});

describe('--format json errors', () => {
  it('a usage error under --format json (without --json) is an envelope too', async () => {
    const run = await doctor('--format', 'json', '--fail-on', 'fatal');
    const document = JSON.parse(run.stdout);
    expect(jsonSchemaErrors(document)).toEqual([]);
    expect(document).toMatchObject({ command: 'doctor', ok: false, error: { code: 'usage' } });
    expect([run.stderr, run.exitCode]).toEqual(['', 2]);
  });
});

describe('every sample home, every machine format', () => {
  const homes = fs.readdirSync(path.join(ROOT, 'fixtures', 'homes')).sort();
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' });

  it.each(homes)('%s: valid SARIF, well-formed JUnit, parseable Prometheus, schema-valid JSON', async (name) => {
    const sampleHome = fixtureHome(name);
    const run = (format: string) =>
      runCli(['--home', sampleHome, '--layout', '2026.9', 'doctor', '--all-profiles', '--format', format], {
        env: { PATH: '/usr/bin:/bin', HOME: sampleHome },
      });
    const sarif = JSON.parse((await run('sarif')).stdout);
    expect(validateSarif(sarif), JSON.stringify(validateSarif.errors)).toBe(true);
    const junit = (await run('junit')).stdout;
    expect(XMLValidator.validate(junit)).toBe(true);
    expect(parser.parse(junit).testsuites.hostname).toBe('testhost');
    expect(parsePrometheus((await run('prometheus')).stdout).map((family) => family.name)).toContain('clawdoc_findings');
    expect(jsonSchemaErrors(JSON.parse((await run('json')).stdout))).toEqual([]);
  });
});
