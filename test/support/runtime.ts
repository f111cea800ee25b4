// A captured runtime for in-process CLI runs: stdout, stderr and the exit code, no process.exit.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../../src/cli.js';
import type { Runtime } from '../../src/runtime.js';
import type { HostModel } from '../../src/model.js';
import { buildLiveModel } from '../../src/attribute/attribute.js';
import { observeHost } from '../../src/pipeline.js';
import type { HostSnapshot } from '../../src/host/types.js';
import { jsonSchemaErrors } from './schema.js';

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
  /** Root of the system-wide service dirs (see fixtureSystemRoot). */
  systemRoot?: string;
  /** Observe the real host instead of a quiet one (no listeners, every lock pid dead). */
  realHost?: boolean;
}

/** A host with nothing listening: scenario tests then depend on their sample home alone. */
function quietHost(model: HostModel) {
  const snapshot: HostSnapshot = {
    method: 'test: quiet host',
    ok: true,
    error: null,
    takenAt: '2026-11-25T00:00:00.000Z',
    listeners: [],
    processes: {},
    alivePids: {},
    root: false,
  };
  return Promise.resolve(buildLiveModel(model, snapshot, { gateways: {}, cdp: {}, control: {}, deadlineHit: false }));
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
    ...(options.systemRoot ? { systemRoot: options.systemRoot } : {}),
    homedir: '/nonexistent-home',
    cwd: ROOT,
    hostname: 'testhost',
    now: () => new Date('2026-11-25T00:00:00.000Z'),
    observe: options.realHost ? observeHost : quietHost,
  };
  const exitCode = await main(args, runtime);
  if ((args.includes('--json') || args.join(' ').includes('--format json')) && stdout.trim().startsWith('{')) {
    // Every JSON document a test produces is checked against the schema of its command.
    const errors = jsonSchemaErrors(JSON.parse(stdout));
    if (errors.length > 0) throw new Error(`clawdoc ${args.join(' ')} printed JSON its schema rejects:\n${errors.join('\n')}`);
  }
  return { stdout, stderr, exitCode };
}

/**
 * The environment a sample home runs with: a bare PATH and HOME, plus its env.json if it has one, where `<home>`
 * stands for wherever the home is (it is copied for goldens).
 */
export function fixtureEnv(home: string): Record<string, string> {
  const file = path.join(home, 'env.json');
  const extra = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string>) : {};
  return { PATH: '/usr/bin:/bin', HOME: home, ...Object.fromEntries(Object.entries(extra).map(([key, value]) => [key, value.split('<home>').join(home)])) };
}

export function fixtureHome(name: string): string {
  return path.join(ROOT, 'fixtures', 'homes', name);
}

/** A sample home's own system root (`<home>/.system-root`: Windows/System32/Tasks, etc/systemd/system), when it has one. */
export function fixtureSystemRoot(home: string): { systemRoot?: string } {
  const root = path.join(home, '.system-root');
  return fs.existsSync(root) ? { systemRoot: root } : {};
}
