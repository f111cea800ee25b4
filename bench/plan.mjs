// `node bench/plan.mjs`: time to plan (decide + simulate + re-check) a host of 200 profiles with crowded, colliding ports.
// Needs the compiled dist/ (npm run build). Prints the median of five runs; target under 1 s.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { resolveHost, invocationOf } = await import(path.join(root, 'dist/src/pipeline.js'));
const { buildLiveModel } = await import(path.join(root, 'dist/src/attribute/attribute.js'));
const { buildFixPlan } = await import(path.join(root, 'dist/src/plan/plan.js'));
const { decide } = await import(path.join(root, 'dist/src/plan/decide.js'));
const { simulate } = await import(path.join(root, 'dist/src/plan/simulate.js'));
const { builtinChecks } = await import(path.join(root, 'dist/checks/index.js'));

const COUNT = Number(process.env.BENCH_PROFILES ?? 200);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

function medianOf(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const home = fs.mkdtempSync(path.join(os.tmpdir(), 'clawdoc-bench-plan-'));
try {
  for (let index = 0; index < COUNT; index += 1) {
    const dir = path.join(home, `.openclaw-p${index}`);
    fs.mkdirSync(dir);
    // Every third profile on the hash port, the others 40 apart: most plans collide and must move.
    const config = index % 3 === 0 ? '{}' : `{ gateway: { port: ${20000 + index * 40} } }`;
    fs.writeFileSync(path.join(dir, 'openclaw.json'), config);
  }
  const model = resolveHost(invocationOf({ home, env: { HOME: home, PATH: '/usr/bin:/bin' } }), { layout: '2026.9' });
  const snapshot = { method: 'bench', ok: true, error: null, takenAt: '', listeners: [], processes: {}, alivePids: {}, root: false };
  const live = buildLiveModel(model, snapshot, { gateways: {}, cdp: {}, control: {}, deadlineHit: false });
  const context = { model, profiles: model.profiles, focus: model.profiles, overlaps: live.overlaps, live };
  const times = [];
  let plan;
  for (let run = 0; run < RUNS; run += 1) {
    const started = performance.now();
    plan = buildFixPlan(context, { checks: builtinChecks });
    times.push(performance.now() - started);
  }
  const median = medianOf(times);
  // The planner alone (decide + simulate), without the two full check runs of the proof.
  const planner = [];
  for (let run = 0; run < RUNS; run += 1) {
    const started = performance.now();
    simulate(context, decide(context));
    planner.push(performance.now() - started);
  }
  console.log(
    `plan for ${COUNT} profiles: median ${median.toFixed(0)} ms over ${RUNS} runs with the proof (two full check runs), ${medianOf(planner).toFixed(0)} ms decide + simulate (${plan.steps.length} steps, ${plan.resolved.length} findings resolved, proven: ${plan.proven}, manual: ${plan.remainder.length})`,
  );
} finally {
  fs.rmSync(home, { recursive: true, force: true });
}
