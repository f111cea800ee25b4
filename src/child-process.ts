// A library call that has no timeout, no byte cap or no handle on what it starts, run where it can be bounded: a child Node process.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

/** The child's answer may be at most this large (a busy host's socket table is a few MB). */
const MAX_CHILD_OUTPUT = 32 * 1024 * 1024;

export interface ChildOptions {
  /** Ends the child as the timeout does (the run's deadline). */
  signal?: AbortSignal;
  /** V8's old-space limit for the child, in MiB: a library that buffers without a cap dies there, not in clawdoc. */
  maxHeapMb?: number;
}

/** Why a child gave no answer: it ran out of time, was aborted, or failed on its own (crash, heap limit, bad output). */
export class ChildFailure extends Error {
  constructor(
    message: string,
    readonly reason: 'timeout' | 'aborted' | 'failed',
  ) {
    super(message);
  }
}

/**
 * Runs an ES module `script` in a child Node process that leads its own process group, and parses its stdout as JSON.
 * systeminformation and pid-port start netstat, ss, lsof or ps without a timeout and give no handle on them, and
 * chrome-remote-interface reads a body without a cap or a caller's deadline: a timed-out call would leave sockets or
 * processes running and holding our event loop open. Killing the group ends the child and everything it started, so a
 * timeout leaves nothing behind.
 */
export function inChildProcess<T>(script: string, timeoutMs: number, what: string, options: ChildOptions = {}): Promise<T> {
  if (options.signal?.aborted) return Promise.reject(new ChildFailure(`${what} was not started: the run's deadline passed`, 'aborted'));
  if (timeoutMs <= 0) return Promise.reject(new ChildFailure(`${what} did not answer within ${Math.max(0, timeoutMs)} ms`, 'timeout'));
  return new Promise((resolve, reject) => {
    const heap = options.maxHeapMb === undefined ? [] : [`--max-old-space-size=${options.maxHeapMb}`];
    const child = spawn(process.execPath, [...heap, '--input-type=module', '--eval', script], {
      stdio: ['ignore', 'pipe', 'ignore'],
      detached: process.platform !== 'win32',
      windowsHide: true,
    });
    const chunks: Buffer[] = [];
    let bytes = 0;
    let failure: ChildFailure | null = null;
    const killGroup = () => {
      try {
        // A negative pid addresses the process group the child leads (detached).
        if (child.pid !== undefined) process.kill(process.platform === 'win32' ? child.pid : -child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    };
    const stop = (error: ChildFailure) => {
      failure ??= error;
      killGroup();
      child.stdout.destroy();
    };
    const timer = setTimeout(() => stop(new ChildFailure(`${what} did not answer within ${timeoutMs} ms`, 'timeout')), timeoutMs);
    const onAbort = () => stop(new ChildFailure(`${what} was ended by the run's deadline`, 'aborted'));
    options.signal?.addEventListener('abort', onAbort, { once: true });
    child.stdout.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes > MAX_CHILD_OUTPUT) return stop(new ChildFailure(`${what} answered more than ${MAX_CHILD_OUTPUT} bytes`, 'failed'));
      chunks.push(chunk);
    });
    child.once('error', (error) => stop(new ChildFailure(error.message, 'failed')));
    // 'close' comes once the child exited and its stdout closed; the child's handle finishes closing in that turn of
    // the event loop, so the answer is given on the next one, when nothing of the child is left.
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      // A process the group was forking while it was killed escapes that signal, and still belongs to the group.
      if (failure) killGroup();
      options.signal?.removeEventListener('abort', onAbort);
      setTimeout(() => {
        if (failure) return reject(failure);
        if (code !== 0) return reject(new ChildFailure(`${what} failed (${code === null ? `killed by ${signal}` : `exit ${code}`})`, 'failed'));
        try {
          resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as T);
        } catch {
          reject(new ChildFailure(`${what} gave no readable answer`, 'failed'));
        }
      }, 0);
    });
  });
}

/** A module specifier the child can import: the file this package resolves, as a file URL. */
export function moduleUrl(name: string): string {
  return pathToFileURL(createRequire(import.meta.url).resolve(name)).href;
}
