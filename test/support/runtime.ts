// A captured runtime for in-process CLI runs: stdout, stderr and the exit code, no process.exit.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../../src/cli.js';
import type { Runtime } from '../../src/runtime.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface CliRun {
  stdout: string;
  stderr: string;
  exitCode: number;
}

export interface CliOptions {
  env?: Record<string, string | undefined>;
  isTTY?: boolean;
  uid?: number;
  tmpDir?: string;
}

export async function runCli(args: string[], options: CliOptions = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const runtime: Runtime = {
    out: (text) => {
      stdout += text.endsWith('\n') ? text : `${text}\n`;
    },
    err: (text) => {
      stderr += text.endsWith('\n') ? text : `${text}\n`;
    },
    env: options.env ?? { PATH: '/usr/bin:/bin' },
    stdoutIsTTY: options.isTTY ?? false,
    uid: options.uid ?? 1000,
    tmpDir: options.tmpDir ?? path.join(ROOT, 'fixtures', 'no-such-tmp'),
    platform: 'linux',
    homedir: '/nonexistent-home',
    cwd: ROOT,
  };
  const exitCode = await main(args, runtime);
  return { stdout, stderr, exitCode };
}

export function fixtureHome(name: string): string {
  return path.join(ROOT, 'fixtures', 'homes', name);
}
