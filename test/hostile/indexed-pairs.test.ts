// The indexed pair finders give exactly what the pairwise loops they replaced gave, in the same order.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inside, relatedPaths } from '../../src/doctor/shared-paths.js';
import { pairsCloserThan, pairsSharingKey } from '../../src/doctor/helpers.js';
import { freeBaseFinder, suggestBasePort, type FreePortInputs } from '../../src/fixes/free-port.js';
import { instanceReach, RECOMMENDED_SPACING } from '../../src/ports/plan.js';
import { makeProfile } from '../support/model-builder.js';

function everyPair<T>(items: readonly T[], related: (a: T, b: T) => boolean): Array<[number, number]> {
  const pairs: Array<[number, number]> = [];
  for (let i = 0; i < items.length; i += 1) for (let j = i + 1; j < items.length; j += 1) if (related(items[i]!, items[j]!)) pairs.push([i, j]);
  return pairs;
}

const sorted = (pairs: Array<[number, number]>) => [...pairs].sort(([a1, b1], [a2, b2]) => a1 - a2 || b1 - b2);

// Few segment names, so paths repeat and nest often; `..x`, `.`, `..`, `//` and trailing slashes test the edges of `inside`.
const segment = fc.constantFrom('a', 'b', 'ws', '..x', '.', '..', '', 'a b');
const absolutePath = fc.array(segment, { maxLength: 5 }).map((parts) => `/${parts.join('/')}`);

describe('indexed pair finders', () => {
  it('relatedPaths finds the same pairs as comparing every pair, equal or nested', () => {
    fc.assert(
      fc.property(fc.array(absolutePath, { maxLength: 30 }), fc.boolean(), (paths, nested) => {
        const expected = everyPair(paths, (a, b) => a === b || (nested && (inside(a, b) || inside(b, a))));
        expect(sorted(relatedPaths(paths, nested))).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('pairsSharingKey finds the pairs with a common key, in pair-loop order', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.integer({ min: 0, max: 6 }), { maxLength: 3 }), { maxLength: 30 }), (keys) => {
        const expected = everyPair(keys, (a, b) => a.some((key) => b.includes(key)));
        expect(pairsSharingKey(keys, (item) => item)).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('pairsCloserThan finds the pairs less than the distance apart, in pair-loop order', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 18000, max: 19500 }), { maxLength: 40 }), fc.integer({ min: 1, max: 300 }), (values, distance) => {
        expect(pairsCloserThan(values, distance)).toEqual(everyPair(values, (a, b) => Math.abs(a - b) < distance));
      }),
      { numRuns: 300 },
    );
  });
});

/** The scan over every candidate base that freeBaseFinder replaced. */
function scanEveryBase(inputs: FreePortInputs): number | null {
  const reach = instanceReach(inputs.layout);
  const others = inputs.profiles.filter((profile) => profile.name !== inputs.moving);
  for (let base = 18789; base + reach <= 65535; base += 10) {
    const top = base + reach;
    if (others.some((profile) => Math.abs(profile.gatewayPort.port - base) < RECOMMENDED_SPACING)) continue;
    if (others.some((profile) => profile.plan.some((entry) => entry.from <= top && base <= entry.to))) continue;
    let listened = false;
    for (let port = base; port <= top && !listened; port += 1) listened = inputs.listeningPorts.has(port);
    if (!listened) return base;
  }
  return null;
}

describe('freeBaseFinder', () => {
  it('suggests what a scan of every base against every profile suggests, for every moving profile', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1024, max: 65400 }), { minLength: 1, maxLength: 25 }),
        fc.array(fc.integer({ min: 18000, max: 20500 }), { maxLength: 6 }),
        fc.constantFrom('2026.9' as const, '2026.1' as const),
        (ports, listening, layout) => {
          const profiles = ports.map((port, index) => makeProfile(`p${index}`, { port }, layout));
          const inputs = { profiles, listeningPorts: new Set(listening), layout };
          const find = freeBaseFinder(inputs);
          for (const profile of profiles) {
            const expected = scanEveryBase({ ...inputs, moving: profile.name });
            expect(find(profile.name)).toBe(expected);
            expect(suggestBasePort({ ...inputs, moving: profile.name })).toBe(expected);
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('answers null when the whole range is taken', () => {
    const profiles = Array.from({ length: 500 }, (_, index) => makeProfile(`p${index}`, { port: 18789 + index * 100 }));
    const inputs = { profiles, listeningPorts: new Set<number>(), layout: '2026.9' as const, moving: 'p0' };
    expect(suggestBasePort(inputs)).toBe(scanEveryBase(inputs));
  });
});
