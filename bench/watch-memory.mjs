// `node bench/watch-memory.mjs [ticks]` (after `npm run build`): clawdoc watch with a 0 s interval against a quiet sample home, RSS at tick 10 and at the last tick.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { processRuntime } from '../dist/src/runtime.js';
import { contextFor } from '../dist/src/commands/context.js';
import { runWatchCommand } from '../dist/src/commands/watch.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const home = path.join(root, 'fixtures', 'homes', 'healthy-main-rescue');
const ticks = Number(process.argv[2] ?? 1000);
const mb = (bytes) => (bytes / 1024 / 1024).toFixed(1);

// The real observe stage (socket table and probes of this host), output muted: only memory is measured.
const runtime = { ...processRuntime(), out: () => undefined, env: { ...process.env, HOME: home, XDG_CONFIG_HOME: path.join(home, 'no-config') } };
const context = contextFor(runtime, { home, color: false, timeout: 200, allProfiles: true, layout: '2026.9' });
const samples = new Map();
const startedAt = Date.now();
await runWatchCommand(
  context,
  { only: [], skip: [], plugin: [], interval: 0, ticks },
  {
    onTick(tick) {
      if (tick === 10 || tick === ticks) {
        // With --expose-gc, RSS after a collection shows retained memory rather than garbage not yet collected.
        globalThis.gc?.();
        const usage = process.memoryUsage();
        samples.set(tick, usage);
      }
    },
  },
);
for (const [tick, usage] of samples) console.log(`tick ${tick}: rss ${mb(usage.rss)} MB, heap used ${mb(usage.heapUsed)} MB`);
console.log(`${ticks} ticks in ${((Date.now() - startedAt) / 1000).toFixed(1)} s`);
