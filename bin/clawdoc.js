#!/usr/bin/env node
// clawdoc's executable: runs the compiled CLI (npm install builds it through `prepare`).
import { main } from '../dist/src/cli.js';
import { processRuntime } from '../dist/src/runtime.js';

// A closed pipe (`clawdoc ... | head`) is not a crash.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

process.exitCode = await main(process.argv.slice(2), processRuntime());
