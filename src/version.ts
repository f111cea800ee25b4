// clawdoc's own version, read from its package.json (found above this file in src/ and in dist/src/).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

function readVersion(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let depth = 0; depth < 4; depth += 1) {
    try {
      const parsed = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (parsed.name === 'clawdoc' && parsed.version) return parsed.version;
    } catch {
      // not here: look one level up
    }
    dir = path.dirname(dir);
  }
  return '0.0.0';
}

export const VERSION = readVersion();
