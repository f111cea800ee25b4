// Runs one command and reports its wall time and peak RSS on stderr as `bench: <ms> ms <kB> kB exit <code>`.
// Peak RSS is the kernel's VmHWM of the child, sampled every few ms until it exits (Node cannot read RUSAGE_CHILDREN).
import { spawn } from 'node:child_process';
import fs from 'node:fs';

const SAMPLE_MS = 5;
const [command, ...args] = process.argv.slice(2);
const started = process.hrtime.bigint();
const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'ignore'] });
let peakKb = 0;

function sample() {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${child.pid}/status`, 'utf8'));
    if (match) peakKb = Math.max(peakKb, Number(match[1]));
  } catch {
    // the child is gone; its last sample stands
  }
}

const timer = setInterval(sample, SAMPLE_MS);
child.on('exit', (code) => {
  clearInterval(timer);
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  process.stderr.write(`bench: ${ms.toFixed(1)} ms ${peakKb} kB exit ${code ?? 1}\n`);
});
