// Every report format module has its test file, by name, like the checks.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

describe('report formats', () => {
  it('have a test file each', () => {
    const modules = fs.readdirSync(path.join(ROOT, 'src/report/formats')).filter((file) => file.endsWith('.ts'));
    const missing = modules.filter((file) => !fs.existsSync(path.join(ROOT, 'test/report/formats', file.replace(/\.ts$/, '.test.ts'))));
    expect(missing).toEqual([]);
  });
});
