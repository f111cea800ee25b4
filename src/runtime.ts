// The small I/O surface the CLI writes through, so tests can capture output and exit codes.
import os from 'node:os';
import { execFile } from 'node:child_process';
import readline from 'node:readline';
import type { HostModel } from './model.js';
import type { LiveModel } from './attribute/live.js';
import { observeHost, type ObserveOptions } from './pipeline.js';

export interface Runtime {
  out(text: string): void;
  err(text: string): void;
  env: Readonly<Record<string, string | undefined>>;
  stdoutIsTTY: boolean;
  /** Progress of long live stages goes to stderr only when it is a terminal. */
  stderrIsTTY?: boolean;
  uid: number;
  tmpDir: string;
  platform: NodeJS.Platform;
  /** Root of the system-wide service dirs (Invocation.systemRoot); tests point it at a sample home's `.system-root`. */
  systemRoot?: string;
  homedir: string;
  cwd: string;
  hostname: string;
  /** The time of the run, for the JSON envelope. */
  now(): Date;
  /** Observe and probe the host; tests replace it with a fixed host to stay deterministic. */
  observe(model: HostModel, options: ObserveOptions): Promise<LiveModel>;
  /** Why this process cannot run at all (its working dir was removed); `main` then fails with exit 2. */
  startProblem?: string;
  /** True when stdin is a terminal a question can be asked on (`fix --apply` refuses without one, unless --yes). */
  stdinIsTTY?: boolean;
  /** Asks a yes/no question on the terminal; tests inject an answer. */
  confirm?(question: string): Promise<boolean>;
  /** Runs a program with arguments, never through a shell; tests inject a fake. */
  exec?(file: string, args: readonly string[], options: ExecOptions): Promise<ExecResult>;
}

export interface ExecOptions {
  env: Readonly<Record<string, string | undefined>>;
  timeoutMs: number;
}

export interface ExecResult {
  code: number;
  stdout: string;
  stderr: string;
}

function execProgram(file: string, args: readonly string[], options: ExecOptions): Promise<ExecResult> {
  return new Promise((resolve) => {
    execFile(file, [...args], { env: options.env, timeout: options.timeoutMs, maxBuffer: 4 * 1024 * 1024, shell: false }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 127) : 0;
      resolve({ code, stdout: String(stdout), stderr: String(stderr) || (error && typeof error.code !== 'number' ? error.message : '') });
    });
  });
}

function askOnTerminal(question: string): Promise<boolean> {
  const prompt = readline.createInterface({ input: process.stdin, output: process.stderr });
  return new Promise((resolve) => {
    prompt.question(`${question} [y/N] `, (answer) => {
      prompt.close();
      resolve(/^y(es)?$/i.test(answer.trim()));
    });
  });
}

/** The working dir, or why there is none: process.cwd() throws once the dir has been removed. */
function currentDir(): { cwd: string; problem?: string } {
  try {
    return { cwd: process.cwd() };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    return { cwd: '/', problem: `the current directory no longer exists (${code}); cd to an existing directory and run clawdoc again` };
  }
}

export function processRuntime(): Runtime {
  const dir = currentDir();
  return {
    out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
    err: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
    env: process.env,
    stdoutIsTTY: Boolean(process.stdout.isTTY),
    stderrIsTTY: Boolean(process.stderr.isTTY),
    uid: process.getuid?.() ?? 0,
    tmpDir: os.tmpdir(),
    platform: process.platform,
    homedir: os.homedir(),
    cwd: dir.cwd,
    hostname: os.hostname(),
    now: () => new Date(),
    observe: observeHost,
    ...(dir.problem ? { startProblem: dir.problem } : {}),
    stdinIsTTY: Boolean(process.stdin.isTTY),
    confirm: askOnTerminal,
    exec: execProgram,
  };
}

/** Exit codes: 0 healthy, 1 findings at or above the threshold, 2 usage or internal error. */
export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;
