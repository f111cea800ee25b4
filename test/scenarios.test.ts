// Whole runs over the sample homes in fixtures/homes/: the sorted check ids and the exit code of each.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixtureEnv, fixtureHome, fixtureSystemRoot, ROOT, runCli } from './support/runtime.js';
import { doctorSchemaErrors } from './support/schema.js';

interface Expectation {
  args?: string[];
  checks: string[];
  exitCode: number;
}

const homes = fs
  .readdirSync(path.join(ROOT, 'fixtures/homes'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

describe('sample homes', () => {
  it('has an expectation for every sample home', () => {
    expect(homes.length).toBeGreaterThanOrEqual(12);
    // A home without expect.json used to be left out silently; name it instead.
    expect(
      homes.filter((name) => !fs.existsSync(path.join(fixtureHome(name), 'expect.json'))).map((name) => `fixtures/homes/${name} has no expect.json`),
    ).toEqual([]);
  });

  it.each(homes)('%s', async (name) => {
    const home = fixtureHome(name);
    const expectation = JSON.parse(fs.readFileSync(path.join(home, 'expect.json'), 'utf8')) as Expectation;
    const args = ['--home', home, '--layout', '2026.9', ...(expectation.args ?? ['doctor', '--all-profiles']), '--json'];
    const run = await runCli(args, { env: fixtureEnv(home), ...fixtureSystemRoot(home) });
    const report = JSON.parse(run.stdout) as { findings: Array<{ checkId: string; profile: string | null }> };
    expect(doctorSchemaErrors(report)).toEqual([]);
    const ids = report.findings.map((finding) => `${finding.checkId}${finding.profile ? `@${finding.profile}` : ''}`).sort();
    expect({ checks: ids, exitCode: run.exitCode }).toEqual({ checks: [...expectation.checks].sort(), exitCode: expectation.exitCode });
  });
});
