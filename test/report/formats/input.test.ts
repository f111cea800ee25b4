import { describe, expect, it } from 'vitest';
import { failsRun, findingLocation, fixLines, toReportFinding } from '../../../src/report/formats/input.js';
import { fingerprintOf } from '../../../src/report/formats/fingerprint.js';
import { finding, sampleInput } from './sample.js';

const { profiles } = sampleInput();

describe('toReportFinding', () => {
  it('adds the involved profiles and the fingerprint', () => {
    const base = finding({ checkId: 'ports/spacing', profile: 'rescue', profiles: ['rescue', 'main'], evidence: {} });
    expect(toReportFinding(base)).toEqual({ ...base, profiles: ['main', 'rescue'], fingerprint: fingerprintOf(base) });
  });
});

describe('failsRun', () => {
  it('fails at or above the threshold, as the exit code does', () => {
    expect([
      failsRun('error', 'error'),
      failsRun('warning', 'error'),
      failsRun('warning', 'warning'),
      failsRun('info', 'warning'),
      failsRun('info', 'info'),
    ]).toEqual([true, false, true, false, true]);
  });
});

describe('fixLines', () => {
  it('lists the hint then each command, redacted', () => {
    expect(fixLines(finding({ checkId: 'a/b', fixHint: 'set password=hunter2', fix: { commands: ['a', 'b --api-key k'] } }))).toEqual([
      'fix: set password=***',
      '$ a',
      '$ b --api-key ***',
    ]);
  });
});

describe('findingLocation', () => {
  it('prefers the file the evidence names, with its line and column', () => {
    expect(findingLocation(finding({ checkId: 'a/b', profile: 'main', evidence: { file: '/x.json5', line: 3, column: 9 } }), profiles)).toEqual({
      file: '/x.json5',
      line: 3,
      column: 9,
      directory: false,
    });
  });

  it('uses the profile config for a config key or a line, else its state dir', () => {
    expect(findingLocation(finding({ checkId: 'a/b', profile: 'main', path: 'gateway.port' }), profiles)).toEqual({
      file: '/home/u/.openclaw/openclaw.json',
      directory: false,
    });
    expect(findingLocation(finding({ checkId: 'a/b', profile: 'main', evidence: { line: 2 } }), profiles)).toEqual({
      file: '/home/u/.openclaw/openclaw.json',
      line: 2,
      directory: false,
    });
    expect(findingLocation(finding({ checkId: 'a/b', profile: 'rescue' }), profiles)).toEqual({ file: '/home/u/.openclaw-rescue', directory: true });
  });

  it('falls back to the first profile the evidence names, and to nothing', () => {
    expect(findingLocation(finding({ checkId: 'a/b', profile: null, profiles: ['rescue', 'main'], evidence: {} }), profiles)).toEqual({
      file: '/home/u/.openclaw',
      directory: true,
    });
    expect(findingLocation(finding({ checkId: 'a/b', profile: null }), profiles)).toBeNull();
    expect(findingLocation(finding({ checkId: 'a/b', profile: 'gone' }), profiles)).toBeNull();
  });

  it('ignores lines and columns that are not positive integers, and a column without a line', () => {
    expect(findingLocation(finding({ checkId: 'a/b', profile: 'main', evidence: { file: '/x', line: 0, column: 2 } }), profiles)).toEqual({
      file: '/x',
      directory: false,
    });
    expect(findingLocation(finding({ checkId: 'a/b', profile: 'main', evidence: { file: '/x', line: '4', column: 1.5 } }), profiles)).toEqual({
      file: '/x',
      directory: false,
    });
    expect(findingLocation(finding({ checkId: 'a/b', profile: 'main', evidence: { file: '/x', line: 4, column: 1.5 } }), profiles)).toEqual({
      file: '/x',
      line: 4,
      directory: false,
    });
  });
});
