import { describe, expect, it } from 'vitest';
import { applySeverityOverrides, parseUserConfig, UserConfigError } from '../../../src/report/formats/user-config.js';
import { finding } from './sample.js';

function errorOf(text: string): Error {
  try {
    parseUserConfig(text, '/home/u/.config/clawdoc/config.json5');
  } catch (error) {
    return error as Error;
  }
  throw new Error('no error');
}

describe('parseUserConfig', () => {
  it('reads every key from JSON5 with comments', () => {
    const text = `{
      // CI on the fleet
      failOn: 'warning',
      skip: ['browser/', 'host/snapshot'],
      severity: { 'ports/hash-default': 'info', 'channels/': 'off' },
      baseline: './clawdoc-baseline.json',
    }`;
    expect(parseUserConfig(text, 'c.json5')).toEqual({
      failOn: 'warning',
      skip: ['browser/', 'host/snapshot'],
      severity: { 'ports/hash-default': 'info', 'channels/': 'off' },
      baseline: './clawdoc-baseline.json',
    });
    expect(parseUserConfig('{}', 'c.json5')).toEqual({});
  });

  const source = '/home/u/.config/clawdoc/config.json5';
  const cases: Array<[string, string]> = [
    ['{ failOn: ', `${source}: not valid JSON5: `],
    ['[1]', `${source}: the config must be an object (found an array)`],
    ['{ failon: "error" }', `${source}: unknown key "failon" (known: failOn, skip, severity, baseline)`],
    ['{ failOn: "fatal" }', `${source}: failOn must be one of error, warning, info (found "fatal")`],
    ['{ skip: "ports/" }', `${source}: skip must be an array of check ids (found "ports/")`],
    [
      '{ skip: ["ports/spacing", "Ports Spacing"] }',
      `${source}: skip[1] must be a check id or folder, like "ports/spacing" or "ports/" (found "Ports Spacing")`,
    ],
    ['{ severity: ["x"] }', `${source}: severity must be an object of check id → error | warning | info | off (found an array)`],
    ['{ severity: { "../x": "off" } }', `${source}: severity has a key "../x" that is not a check id or folder, like "ports/spacing" or "ports/"`],
    ['{ severity: { "ports/spacing": "high" } }', `${source}: severity["ports/spacing"] must be one of error, warning, info, off (found "high")`],
    ['{ baseline: 3 }', `${source}: baseline must be the path of a baseline file (found 3)`],
    ['{ baseline: "  " }', `${source}: baseline must be the path of a baseline file (found "  ")`],
  ];

  it.each(cases)('rejects %s naming the file and key', (text, message) => {
    const error = errorOf(text);
    expect(error).toBeInstanceOf(UserConfigError);
    expect(error.message.startsWith(message)).toBe(true);
  });
});

describe('applySeverityOverrides', () => {
  const findings = [
    finding({ checkId: 'ports/spacing', severity: 'warning', profile: 'main' }),
    finding({ checkId: 'ports/hash-default', severity: 'warning', profile: 'main' }),
    finding({ checkId: 'channels/shared-credential', severity: 'error', profile: 'main' }),
    finding({ checkId: 'host/snapshot', severity: 'info', profile: null }),
  ];

  it('applies the most specific pattern, drops off findings, and sorts again', () => {
    const result = applySeverityOverrides(findings, { 'ports/': 'error', 'ports/hash-default': 'info', channels: 'off', 'host/snapshot/': 'warning' });
    expect(result.map((item) => [item.checkId, item.severity])).toEqual([
      ['ports/spacing', 'error'],
      ['host/snapshot', 'warning'],
      ['ports/hash-default', 'info'],
    ]);
  });

  it('leaves findings unchanged without overrides', () => {
    expect(applySeverityOverrides(findings, {})).toEqual([findings[2], findings[1], findings[0], findings[3]]);
  });
});
