#!/usr/bin/env node
// clawdoc's executable: runs the compiled CLI (npm install builds it through `prepare`) and exits once its report is written.
import { setImmediate as nextTurn } from 'node:timers/promises';
import { main } from '../dist/src/cli.js';
import { processRuntime } from '../dist/src/runtime.js';

const EXIT_USAGE = 2;

// A closed pipe (`clawdoc ... | head`) is not a crash: the run still ends with its own exit code.
let stdoutClosed = false;
// Any other failure to write the report (ENOSPC, EIO, EBADF) is: the caller did not get what it asked for.
let stdoutFailure = null;
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') stdoutClosed = true;
  else stdoutFailure ??= error;
});
// stderr is where failures are told; when it fails too there is no one left to tell, and the exit code still says it.
process.stderr.on('error', () => undefined);

/** Resolves once everything written to `stream` so far has been handed to the OS (or the stream is gone). */
function flushed(stream) {
  return new Promise((resolve) => {
    if (stream.destroyed || !stream.writable) return resolve();
    try {
      stream.write('', () => resolve());
    } catch {
      resolve();
    }
  });
}

let code;
try {
  code = await main(process.argv.slice(2), processRuntime());
} catch (error) {
  // main turns every error into exit 2 itself; only a write that throws while it reports one lands here.
  stdoutFailure ??= error;
}
await flushed(process.stdout);
// Write errors are emitted after the write returns: let them arrive before deciding the exit code.
await nextTurn();
if (stdoutFailure && !stdoutClosed) {
  const reason = String(stdoutFailure.message ?? stdoutFailure).split('\n')[0];
  process.stderr.write(`clawdoc: could not write the report to stdout: ${reason}\n`);
  code = EXIT_USAGE;
}
await flushed(process.stderr);
// Exit now, with the run's code: a socket, child or timer a probe or library left behind must not keep the process alive.
process.exit(code ?? EXIT_USAGE);
