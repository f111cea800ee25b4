import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderSarif } from '../../../src/report/formats/sarif.js';
import { toReportFinding } from '../../../src/report/formats/input.js';
import { expectGolden } from './golden.js';
import { finding, HOSTILE, hostileText, sampleInput } from './sample.js';

import { validateSarif } from '../../support/sarif.js';

function sarifOf(text: string): Record<string, any> {
  const log = JSON.parse(text) as Record<string, any>;
  expect(validateSarif(log) ? [] : validateSarif.errors).toEqual([]);
  return log;
}

describe('renderSarif', () => {
  it('writes the whole sample log as in the golden file, valid against the official schema', () => {
    const text = renderSarif(sampleInput());
    sarifOf(text);
    expectGolden('sample.sarif.json', text);
  });

  it('has one rule per check and one result per finding, with levels, locations and fingerprints', () => {
    const input = sampleInput();
    const run = sarifOf(renderSarif(input)).runs[0];
    expect(run.tool.driver.rules.map((rule: { id: string }) => rule.id)).toEqual(['config/invalid', 'host/snapshot', 'ports/duplicate-gateway']);
    expect(run.results.map((result: any) => [result.ruleId, result.ruleIndex, result.level])).toEqual([
      ['ports/duplicate-gateway', 2, 'error'],
      ['config/invalid', 0, 'warning'],
      ['host/snapshot', 1, 'note'],
    ]);
    expect(run.results.map((result: any) => result.locations[0])).toEqual([
      { physicalLocation: { artifactLocation: { uri: 'file:///home/u/.openclaw-rescue/openclaw.json' } } },
      { physicalLocation: { artifactLocation: { uri: 'file:///home/u/.openclaw/openclaw.json' }, region: { startLine: 7, startColumn: 3 } } },
      { logicalLocations: [{ name: 'box-1', kind: 'module' }] },
    ]);
    expect(run.results.map((result: any) => result.partialFingerprints['clawdocFingerprint/v1'])).toEqual(input.findings.map((item) => item.fingerprint));
    expect(run.results[0].message.text).toBe(
      'rescue and main both plan gateway port 18789\nfix: Give rescue its own gateway port.\n$ openclaw --profile rescue config set gateway.port 19001',
    );
    expect(run.tool.driver.rules[2].help.markdown).toContain('- Give rescue its own gateway port.');
    expect(run.invocations).toEqual([
      { executionSuccessful: true, startTimeUtc: '2026-11-29T13:59:58.766Z', endTimeUtc: '2026-11-29T14:00:00.000Z', machine: 'box-1' },
    ]);
  });

  it('points a finding without a config key at its state dir, and gives an unknown check id a rule', () => {
    const input = sampleInput({
      findings: [toReportFinding(finding({ checkId: 'gateway/not-running', profile: 'main', severity: 'info', evidence: { port: 18789 } }))],
    });
    const run = sarifOf(renderSarif(input)).runs[0];
    expect(run.results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('file:///home/u/.openclaw/');
    expect(run.tool.driver.rules.at(-1)).toMatchObject({ id: 'gateway/not-running', name: 'GatewayNotRunning' });
    expect(run.results[0].ruleIndex).toBe(3);
  });

  it('stays valid with hostile text everywhere and redacts secrets', () => {
    const hostile = finding({
      checkId: 'ports/foreign-listener',
      profile: 'main',
      message: HOSTILE,
      fixHint: HOSTILE,
      fix: { commands: ['curl --token s3cr3t http://x'] },
      path: HOSTILE,
      evidence: { file: `/tmp/${HOSTILE}`, line: 0 },
    });
    const input = sampleInput({ host: { hostname: HOSTILE, platform: 'linux' }, findings: [toReportFinding(hostile)] });
    const log = sarifOf(renderSarif(input));
    expect(log.runs[0].results[0].message.text).toContain(HOSTILE);
    expect(log.runs[0].results[0].message.text).toContain('$ curl --token ***');
    expect(log.runs[0].results[0].message.text).not.toContain('s3cr3t');
    expect(log.runs[0].results[0].locations[0].physicalLocation.region).toBeUndefined();
  });

  it('escapes Markdown in rule help', () => {
    const input = sampleInput({ findings: [toReportFinding(finding({ checkId: 'host/snapshot', fixHint: 'see [x](http://evil) <img> *now*\n# head' }))] });
    const help = sarifOf(renderSarif(input)).runs[0].tool.driver.rules[1].help;
    expect(help.markdown.split('\n').at(-1)).toBe('- see \\[x\\](http://evil) \\<img\\> \\*now\\* # head');
    expect(help.text.split('\n').at(-1)).toBe('# head');
  });

  it('uses a validator that rejects what the standard rejects', () => {
    const log = JSON.parse(renderSarif(sampleInput()));
    log.runs[0].results[0].level = 'info';
    expect(validateSarif(log)).toBe(false);
    expect(validateSarif({ ...log, version: '2.0.0', runs: log.runs })).toBe(false);
  });

  it('writes a relative file as a relative reference, encoded', () => {
    const relative = finding({ checkId: 'ports/x', profile: 'main', evidence: { file: 'conf/a b#c?.json' } });
    const run = sarifOf(renderSarif(sampleInput({ findings: [toReportFinding(relative)] }))).runs[0];
    expect(run.results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('conf/a%20b%23c%3F.json');
  });

  it('tags a rule once when its folder is named like the tool', () => {
    const run = sarifOf(renderSarif(sampleInput({ checks: [{ id: 'clawdoc/self', title: 't', scope: 'host', looksAt: 'l' }], findings: [] }))).runs[0];
    expect(run.tool.driver.rules[0].properties.tags).toEqual(['clawdoc']);
  });

  it('is valid with no findings and no checks', () => {
    const log = sarifOf(renderSarif(sampleInput({ checks: [], checksRun: [], findings: [], profiles: [] })));
    expect(log.runs[0].results).toEqual([]);
  });
});

describe('renderSarif over arbitrary strings', () => {
  it('is always valid SARIF', () => {
    fc.assert(
      fc.property(hostileText, hostileText, hostileText, (message, file, host) => {
        const hostile = finding({ checkId: 'ports/x', profile: 'main', message, fixHint: message, evidence: { file, line: 3 } });
        sarifOf(renderSarif(sampleInput({ host: { hostname: host, platform: host }, findings: [toReportFinding(hostile)] })));
      }),
    );
  });
});
