// Builds dist/ for tests that run the executable, unless it is newer than every source file: one tsc less competing with the suite.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from '../support/runtime.js';

function newestMtime(entry: string): number {
  const stat = fs.statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...fs.readdirSync(entry).map((name) => newestMtime(path.join(entry, name))));
}

export function ensureBuilt(): void {
  const built = path.join(ROOT, 'dist', 'src', 'cli.js');
  const sources = ['src', 'checks', 'tsconfig.json', 'package.json'].map((entry) => newestMtime(path.join(ROOT, entry)));
  if (fs.existsSync(built) && fs.statSync(built).mtimeMs > Math.max(...sources)) return;
  execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'ignore' });
}
