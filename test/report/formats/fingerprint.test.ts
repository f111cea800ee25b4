import { describe, expect, it } from 'vitest';
import { fingerprintOf, involvedProfiles, STABLE_EVIDENCE_KEYS } from '../../../src/report/formats/fingerprint.js';
import { finding } from './sample.js';

const foreign = finding({
  checkId: 'ports/foreign-listener',
  profile: 'main',
  message: 'port 18791 is held by nginx (pid 4100)',
  evidence: {
    port: 18791,
    role: 'browser-control',
    planSource: 'derived',
    owner: { pid: 4100, process: 'nginx' },
    ownerEvidence: 'process nginx (pid 4100)',
    suggestedPort: 18900,
  },
});

describe('fingerprintOf', () => {
  it('is 32 hex characters and the same for the same finding', () => {
    expect(fingerprintOf(foreign)).toMatch(/^[0-9a-f]{32}$/);
    expect(fingerprintOf(structuredClone(foreign))).toBe(fingerprintOf(foreign));
  });

  it('ignores pids, command lines, wording, suggested ports, lines, timestamps and key order', () => {
    const later = finding({
      ...foreign,
      severity: 'warning',
      message: 'port 18791 is now held by nginx (pid 9999)',
      fixHint: 'reworded',
      evidence: {
        suggestedPort: 18950,
        ownerEvidence: 'process nginx (pid 9999)',
        owner: { pid: 9999, process: 'nginx' },
        planSource: 'derived',
        role: 'browser-control',
        port: 18791,
        line: 4,
        takenAt: '2026-11-30T00:00:00Z',
        latencyMs: 12,
      },
    });
    expect(fingerprintOf(later)).toBe(fingerprintOf(foreign));
  });

  it('changes with the port, the check, the profile, the config key and nested stable evidence', () => {
    const base = fingerprintOf(foreign);
    const variants = [
      { ...foreign, evidence: { ...foreign.evidence, port: 18792 } },
      { ...foreign, checkId: 'browser/cdp-foreign' },
      { ...foreign, profile: 'rescue' },
      { ...foreign, path: 'gateway.port' },
      { ...foreign, profiles: ['main', 'work'] },
      { ...foreign, evidence: { ...foreign.evidence, keys: { main: 'a', work: 'b' } } },
    ];
    const prints = variants.map(fingerprintOf);
    expect(prints).not.toContain(base);
    expect(new Set(prints).size).toBe(variants.length);
  });

  it('sorts nested keys before hashing', () => {
    const a = { ...foreign, evidence: { paths: { main: '/a', rescue: '/b' } } };
    const b = { ...foreign, evidence: { paths: { rescue: '/b', main: '/a' } } };
    expect(fingerprintOf(a)).toBe(fingerprintOf(b));
  });

  it('lists no volatile key as stable', () => {
    for (const key of [
      'pid',
      'command',
      'owner',
      'ownerEvidence',
      'healthz',
      'readyz',
      'detail',
      'error',
      'message',
      'suggestedPort',
      'line',
      'column',
      'state',
    ]) {
      expect(STABLE_EVIDENCE_KEYS).not.toContain(key);
    }
  });
});

describe('involvedProfiles', () => {
  it('joins the finding profile and the evidence profiles, sorted and unique', () => {
    expect(involvedProfiles(finding({ checkId: 'a/b', profile: 'rescue', profiles: ['rescue', 'main'], evidence: {} }))).toEqual(['main', 'rescue']);
    expect(involvedProfiles(finding({ checkId: 'a/b', profile: null, evidence: {} }))).toEqual([]);
  });
});
