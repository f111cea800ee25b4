// Property: on random hosts of 2-30 profiles the plan converges, spaces every base 120+, spares healthy gateways and is deterministic.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { model } from '../support/model-builder.js';
import { buildFixPlan } from '../../src/plan/plan.js';
import { decide, finalBase } from '../../src/plan/decide.js';
import { simulate } from '../../src/plan/simulate.js';
import { runChecks } from '../../src/doctor/run.js';
import { profileHashPort } from '../../src/ports/hash.js';
import { builtinChecks } from '../../checks/index.js';
import type { CheckContext } from '../../src/doctor/api.js';

interface ProfileArb {
  hash: boolean;
  base: number;
  running: boolean;
  cdpOffset: number | null;
  webhook: boolean;
}

const profileArb = fc.record({
  hash: fc.boolean(),
  base: fc.integer({ min: 20000, max: 23000 }),
  running: fc.boolean(),
  cdpOffset: fc.option(fc.integer({ min: 11, max: 300 }), { nil: null }),
  webhook: fc.boolean(),
});

const hostArb = fc.record({
  profiles: fc.array(profileArb, { minLength: 2, maxLength: 30 }),
  foreign: fc.array(fc.integer({ min: 20000, max: 23400 }), { maxLength: 6 }),
});

function hostOf(spec: { profiles: ProfileArb[]; foreign: number[] }): CheckContext {
  const builder = model();
  const taken = new Set<number>();
  const names = spec.profiles.map((_, index) => `p${index}`);
  spec.profiles.forEach((profile, index) => {
    const name = names[index]!;
    const port = profile.hash ? 20000 + (profileHashPort(name) % 3000) : profile.base;
    builder.profile(name, {
      port,
      portSource: profile.hash ? 'profile-hash' : 'config',
      ...(profile.cdpOffset !== null ? { browserProfiles: [{ name: 'work', cdpPort: port + profile.cdpOffset }] } : {}),
      ...(profile.webhook
        ? { webhooks: [{ channel: 'telegram', port: 8787, source: 'default 8787', portKey: 'channels.telegram.webhookPort', bind: '127.0.0.1' }] }
        : {}),
    });
  });
  spec.profiles.forEach((profile, index) => {
    const name = names[index]!;
    const port = builder.hostModel().profiles[index]!.gatewayPort.port;
    // Two gateways cannot both listen on one port: the second one of a pair stays stopped.
    if (profile.running && !taken.has(port)) {
      taken.add(port);
      builder.gateway(name, port, 5000 + index);
    }
  });
  for (const port of spec.foreign) if (!taken.has(port)) builder.listener(port, { pid: 9000 + (port % 500), name: 'python3' });
  return builder.context();
}

const SERIOUS = new Set(['error', 'warning']);

describe('the host-wide plan on random hosts', () => {
  it('converges, spaces bases 120+, spares healthy gateways and is the same on a second run', () => {
    let moved = 0;
    let movedAny = 0;
    fc.assert(
      fc.property(hostArb, (spec) => {
        const context = hostOf(spec);
        const plan = buildFixPlan(context, { checks: builtinChecks });
        expect(plan.introduced).toEqual([]);
        expect(plan.proven).toBe(true);

        const decision = decide(context);
        const after = runChecks(builtinChecks, simulate(context, decision), { only: [], skip: [] }).findings;
        expect(after.filter((finding) => SERIOUS.has(finding.severity)).map((finding) => `${finding.checkId}@${finding.profile}: ${finding.message}`)).toEqual(
          [],
        );
        expect(plan.remainder).toEqual([]);

        const bases = decision.edits.map(finalBase).sort((a, b) => a - b);
        for (let i = 1; i < bases.length; i += 1) expect(bases[i]! - bases[i - 1]!).toBeGreaterThanOrEqual(120);

        // A healthy running gateway moves only when another healthy one or a foreign listener leaves no choice.
        const healthy = decision.edits.filter((edit) => edit.healthy);
        const planOf = (name: string) => context.live.profiles[name]!.plan;
        for (const edit of healthy.filter((candidate) => candidate.base !== null)) {
          const mine = planOf(edit.profile.name).filter((entry) => entry.derived);
          const blocked = healthy.some(
            (other) =>
              other !== edit &&
              (Math.abs(other.currentBase - edit.currentBase) < 120 ||
                planOf(other.profile.name).some((theirs) => mine.some((entry) => entry.from <= theirs.to && theirs.from <= entry.to))),
          );
          const held = spec.foreign.some((port) => mine.some((entry) => entry.role !== 'cdp-band' && entry.from === port));
          expect(blocked || held).toBe(true);
          moved += 1;
        }
        movedAny += decision.edits.some((edit) => edit.base !== null) ? 1 : 0;
        for (const step of plan.steps.filter((candidate) => candidate.touchesRunningGateway && candidate.profile !== null)) {
          const edit = decision.edits.find((candidate) => candidate.profile.name === step.profile)!;
          if (edit.healthy) expect(edit.base !== null || edit.cdpPorts.size + edit.webhooks.size > 0).toBe(true);
        }

        expect(buildFixPlan(hostOf(spec), { checks: builtinChecks })).toEqual(plan);
      }),
      { numRuns: 100, seed: 20261129 },
    );
    // The generator must produce real conflicts, healthy gateways that have to move among them.
    expect(movedAny).toBeGreaterThan(30);
    expect(moved).toBeGreaterThan(5);
  });
});
