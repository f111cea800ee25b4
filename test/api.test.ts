// The programmatic API (package `clawdoc`): the same pipeline as the CLI, without argv.
import { describe, expect, it } from 'vitest';
import { builtinChecks, inspectHost, runDoctor } from '../src/index.js';
import { fixtureHome } from './support/runtime.js';

describe('programmatic API', () => {
  it('inspectHost resolves the profiles and port plans of a home, observing nothing', () => {
    const model = inspectHost({ home: fixtureHome('hash-main-rescue'), env: {}, layout: '2026.9' });
    expect(model.profiles.map((profile) => [profile.name, profile.gatewayPort.port, profile.gatewayPort.source])).toEqual([
      ['main', 23592, 'profile-hash'],
      ['rescue', 23532, 'profile-hash'],
    ]);
    expect(model.overlaps.length).toBeGreaterThan(0);
  });

  it('runDoctor finds what `clawdoc doctor --all-profiles` finds, with its exit code', async () => {
    const result = await runDoctor({ home: fixtureHome('duplicate-port'), env: {}, layout: '2026.9', only: ['ports/duplicate-gateway'], timeoutMs: 300 });
    expect(result.findings.map((finding) => [finding.checkId, finding.profiles])).toEqual([['ports/duplicate-gateway', ['main', 'rescue']]]);
    expect(result.exitCode).toBe(1);
    expect(result.checks).toBe(builtinChecks);
  });
});
