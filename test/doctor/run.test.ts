import { describe, expect, it } from 'vitest';
import { defineCheck } from '../../src/doctor/api.js';
import { matchesId, runChecks } from '../../src/doctor/run.js';
import { model } from '../support/model-builder.js';

const perProfile = defineCheck({
  id: 'test/per-profile',
  title: 'A check that reports every profile',
  scope: 'profile',
  looksAt: 'nothing',
  run: ({ profile }) => [{ severity: 'info', profile: profile.name, message: `saw ${profile.name}`, fixHint: 'none', evidence: {} }],
});

const crashing = defineCheck({
  id: 'test/crashing',
  title: 'A check that throws',
  scope: 'host',
  looksAt: 'nothing',
  run: () => {
    throw new Error('boom');
  },
});

const pairwise = defineCheck({
  id: 'test/pairwise',
  title: 'A host check about a pair',
  scope: 'host',
  looksAt: 'nothing',
  run: () => [{ severity: 'error', profile: 'b', profiles: ['a', 'b'], message: 'a and b clash', fixHint: 'move b', evidence: {} }],
});

const hostWide = defineCheck({
  id: 'test/host-wide',
  title: 'A host check as a plugin writes one',
  scope: 'host',
  looksAt: 'nothing',
  run: () => [
    { severity: 'warning', profile: null, profiles: ['a', 'b'], message: 'a and b share something', fixHint: 'split them', evidence: {} },
    { severity: 'warning', profile: null, profiles: ['c'], message: 'c alone has something', fixHint: 'fix c', evidence: {} },
    { severity: 'warning', profile: null, message: 'the host has something', fixHint: 'fix the host', evidence: {} },
  ],
});

describe('check runner', () => {
  const context = model().profile('a', { port: 18789 }).profile('b', { port: 19789 }).profile('c', { port: 20789 }).context();

  it('turns a throwing check into an error finding and still runs the rest, sorted by severity', () => {
    const run = runChecks([perProfile, crashing], context, { only: [], skip: [] });
    expect(run.checksRun).toEqual(['test/per-profile', 'test/crashing']);
    expect(run.findings.map((finding) => [finding.severity, finding.checkId, finding.profile])).toEqual([
      ['error', 'test/crashing', null],
      ['info', 'test/per-profile', 'a'],
      ['info', 'test/per-profile', 'b'],
      ['info', 'test/per-profile', 'c'],
    ]);
    expect(run.findings[0]?.message).toBe('the check test/crashing failed: boom');
  });

  it('selects by id or folder with --only and --skip', () => {
    expect(matchesId('ports/spacing', 'ports/')).toBe(true);
    expect(matchesId('ports/spacing', 'ports')).toBe(true);
    expect(matchesId('ports/spacing', 'port')).toBe(false);
    const run = runChecks([perProfile, crashing, pairwise], context, { only: ['test/'], skip: ['test/crashing'] });
    expect([run.checksRun, run.checksSkipped]).toEqual([['test/per-profile', 'test/pairwise'], ['test/crashing']]);
  });

  it('keeps host findings that involve a focused profile, and runs profile checks only on the focus', () => {
    const focusedOnA = model().profile('a', { port: 18789 }).profile('b', { port: 19789 }).profile('c', { port: 20789 }).context(['a']);
    expect(runChecks([perProfile, pairwise], focusedOnA, { only: [], skip: [] }).findings.map((finding) => finding.message)).toEqual([
      'a and b clash',
      'saw a',
    ]);
    const focusedOnC = model().profile('a', { port: 18789 }).profile('b', { port: 19789 }).profile('c', { port: 20789 }).context(['c']);
    expect(runChecks([perProfile, pairwise], focusedOnC, { only: [], skip: [] }).findings.map((finding) => finding.message)).toEqual(['saw c']);
  });

  it('shows a host finding under --profile X only when it names X among its profiles, and one naming no profile always', () => {
    const messagesUnder = (focus?: string[]) =>
      runChecks([hostWide], model().profile('a', { port: 18789 }).profile('b', { port: 19789 }).profile('c', { port: 20789 }).context(focus), {
        only: [],
        skip: [],
      }).findings.map((finding) => finding.message);
    expect({ a: messagesUnder(['a']), b: messagesUnder(['b']), c: messagesUnder(['c']), all: messagesUnder() }).toEqual({
      a: ['a and b share something', 'the host has something'],
      b: ['a and b share something', 'the host has something'],
      c: ['c alone has something', 'the host has something'],
      all: ['a and b share something', 'c alone has something', 'the host has something'],
    });
  });
});
