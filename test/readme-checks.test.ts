// The README's check table names every built-in check, so the documentation cannot fall behind the registry.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtinChecks } from '../checks/index.js';
import { ROOT } from './support/runtime.js';

describe('README check table', () => {
  it('lists every built-in check with its title, and no other', () => {
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Checks'), readme.indexOf('## How it works'));
    const rows = [...section.matchAll(/^\| `([a-z]+\/[a-z-]+)` +\| (.+?) +\|$/gm)].map((match) => [match[1], match[2]!.replace(/\\\|/g, '|')]);
    const expected = [...builtinChecks].sort((a, b) => a.id.localeCompare(b.id)).map((check) => [check.id, check.title]);
    expect(rows).toEqual(expected);
  });
});
