// The registry cannot drift: every file under checks/ is registered, ids equal paths, every check is tested both ways.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { builtinChecks } from '../../checks/index.js';
import { checkCoverage } from '../support/model-builder.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function checkFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return checkFiles(full);
    return entry.name.endsWith('.ts') && entry.name !== 'index.ts' ? [full] : [];
  });
}

const idsOnDisk = checkFiles(path.join(root, 'checks'))
  .map((file) => path.relative(path.join(root, 'checks'), file).replace(/\\/g, '/').replace(/\.ts$/, ''))
  .sort();

describe('check registry', () => {
  it('registers every file under checks/, with the id of its path', () => {
    expect(builtinChecks.map((check) => check.id).sort()).toEqual(idsOnDisk);
  });

  it('has unique ids of the form area/name', () => {
    const ids = builtinChecks.map((check) => check.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z]+\/[a-z-]+$/);
  });

  it('gives every check a title, a scope and what it looks at', () => {
    for (const check of builtinChecks) {
      expect(check.title.length, check.id).toBeGreaterThan(10);
      expect(['host', 'profile'], check.id).toContain(check.scope);
      expect(check.looksAt.length, check.id).toBeGreaterThan(5);
    }
  });
});

const testFileOf = (id: string): string => path.join(root, 'test/checks', `${id}.test.ts`);

// vitest gives every test file its own worker and module graph, and may run this file first, so what
// runCheck records while the check tests run elsewhere cannot be seen here. Instead, this file imports
// every check test module while it is being collected: their describe/it blocks register here, run here
// first (tests run in the order they are declared), and runCheck records into this file's module graph,
// which the coverage cases below then read. It costs running the pure check tests twice (well under a second).
describe('the check tests, collected into this file', async () => {
  for (const id of idsOnDisk.filter((candidate) => fs.existsSync(testFileOf(candidate)))) {
    await import(pathToFileURL(testFileOf(id)).href);
  }
});

describe('check coverage', () => {
  it.each(idsOnDisk)('%s has a test that fires and one that stays silent', (id) => {
    expect(fs.existsSync(testFileOf(id)), `${testFileOf(id)} is missing`).toBe(true);
    expect(checkCoverage(id), `${id}: runCheck never saw it fire, or never saw it stay silent`).toEqual({ fired: true, silent: true });
  });
});
