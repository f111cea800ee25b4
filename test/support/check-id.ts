// The check id a test file is about, derived from its path: test/checks/ports/spacing.test.ts -> ports/spacing.
import { fileURLToPath } from 'node:url';

export function checkIdOf(testFileUrl: string): string {
  const file = fileURLToPath(testFileUrl).replace(/\\/g, '/');
  const match = /\/test\/checks\/(.+)\.test\.ts$/.exec(file);
  if (!match) throw new Error(`${file} is not under test/checks/`);
  return match[1]!;
}
