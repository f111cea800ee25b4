// Golden files for the report formats, under golden/; regenerate with UPDATE_GOLDEN=1 and review the diff.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

const DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'golden');

export function expectGolden(name: string, text: string): void {
  const file = path.join(DIR, name);
  if (process.env.UPDATE_GOLDEN === '1' || !fs.existsSync(file)) {
    fs.mkdirSync(DIR, { recursive: true });
    fs.writeFileSync(file, text);
  }
  expect(text).toBe(fs.readFileSync(file, 'utf8'));
}
