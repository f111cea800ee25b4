import { describe, expect, it } from 'vitest';
import { applyBaseline, BaselineError, formatBaseline, makeBaseline, parseBaseline } from '../../../src/report/formats/baseline.js';
import { toReportFinding } from '../../../src/report/formats/input.js';
import { finding, sampleInput } from './sample.js';

const findings = sampleInput().findings;
const [duplicate, invalid, snapshot] = findings as [(typeof findings)[0], (typeof findings)[0], (typeof findings)[0]];

describe('makeBaseline and formatBaseline', () => {
  it('writes one entry per fingerprint, messages redacted', () => {
    const secret = toReportFinding(finding({ checkId: 'host/snapshot', message: 'saw --token abc', evidence: {} }));
    const baseline = makeBaseline([duplicate, duplicate, secret], 'known, moving in Q1', '2026-11-29T14:00:00.000Z');
    expect(formatBaseline(baseline)).toBe(
      `${JSON.stringify(
        {
          schemaVersion: 1,
          generatedAt: '2026-11-29T14:00:00.000Z',
          findings: [
            {
              fingerprint: duplicate.fingerprint,
              checkId: 'ports/duplicate-gateway',
              profile: 'rescue',
              message: 'rescue and main both plan gateway port 18789',
              reason: 'known, moving in Q1',
            },
            { fingerprint: secret.fingerprint, checkId: 'host/snapshot', profile: null, message: 'saw --token ***', reason: 'known, moving in Q1' },
          ],
        },
        null,
        2,
      )}\n`,
    );
  });

  it('round-trips through parseBaseline', () => {
    const baseline = makeBaseline(findings, 'r', '2026-11-29T14:00:00.000Z');
    expect(parseBaseline(formatBaseline(baseline))).toEqual(baseline);
  });
});

describe('applyBaseline', () => {
  it('hides baselined findings, keeps the rest, and reports baselined fingerprints no longer present', () => {
    const old = makeBaseline([duplicate, snapshot], 'r', 't');
    const stale = { fingerprint: 'f'.repeat(32), checkId: 'ports/spacing', profile: 'main', message: 'gone', reason: 'r' };
    const result = applyBaseline([duplicate, invalid], { ...old, findings: [...old.findings, stale] });
    expect(result).toEqual({ kept: [invalid], hidden: [duplicate], gone: [old.findings[1], stale] });
  });

  it('matches the same finding seen with another pid', () => {
    const seen = (pid: number) =>
      toReportFinding(finding({ checkId: 'ports/foreign-listener', profile: 'main', message: `pid ${pid}`, evidence: { port: 18791, pid } }));
    expect(applyBaseline([seen(2)], makeBaseline([seen(1)], 'r', 't')).hidden).toHaveLength(1);
  });
});

describe('parseBaseline', () => {
  const valid = { schemaVersion: 1, generatedAt: 't', findings: [{ fingerprint: 'a'.repeat(32), checkId: 'a/b', profile: null, message: 'm', reason: 'r' }] };
  const withEntry = (change: Record<string, unknown>) => JSON.stringify({ ...valid, findings: [{ ...valid.findings[0], ...change }] });
  const cases: Array<[string, string]> = [
    ['{', 'clawdoc-baseline.json: not JSON: '],
    ['[]', 'clawdoc-baseline.json: the baseline must be an object (found an array)'],
    [JSON.stringify({ ...valid, extra: 1 }), 'clawdoc-baseline.json: the baseline has an unknown key "extra" (known: schemaVersion, generatedAt, findings)'],
    [
      JSON.stringify({ ...valid, schemaVersion: 2 }),
      'clawdoc-baseline.json: schemaVersion must be 1 (found 2); this clawdoc reads baselines of version 1 only',
    ],
    [JSON.stringify({ ...valid, generatedAt: 5 }), 'clawdoc-baseline.json: generatedAt must be an ISO time string (found 5)'],
    [JSON.stringify({ ...valid, findings: {} }), 'clawdoc-baseline.json: findings must be an array (found an object)'],
    [JSON.stringify({ ...valid, findings: ['x'] }), 'clawdoc-baseline.json: findings[0] must be an object (found "x")'],
    [withEntry({ fingerprint: 'XYZ' }), 'clawdoc-baseline.json: findings[0].fingerprint must be 16 to 64 lowercase hex characters (found "XYZ")'],
    [withEntry({ checkId: '' }), 'clawdoc-baseline.json: findings[0].checkId must be a check id (found "")'],
    [withEntry({ profile: 3 }), 'clawdoc-baseline.json: findings[0].profile must be a profile name or null (found 3)'],
    [withEntry({ reason: null }), 'clawdoc-baseline.json: findings[0].reason must be a string (found null)'],
    [withEntry({ why: 'x' }), 'clawdoc-baseline.json: findings[0] has an unknown key "why" (known: fingerprint, checkId, profile, message, reason)'],
  ];

  it.each(cases)('rejects %s', (text, message) => {
    const error = (() => {
      try {
        parseBaseline(text, 'clawdoc-baseline.json');
      } catch (caught) {
        return caught;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(BaselineError);
    expect((error as Error).message.startsWith(message)).toBe(true);
  });

  it('accepts a valid file and names itself "baseline" without a source', () => {
    expect(parseBaseline(JSON.stringify(valid))).toEqual(valid);
    expect(() => parseBaseline('null')).toThrow('baseline: the baseline must be an object (found null)');
  });
});
