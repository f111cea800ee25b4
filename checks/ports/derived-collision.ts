// A derived port of one profile (sandbox, control, relay, CDP, canvas, webhook) equals a port of another.
import { defineCheck, type FindingDraft } from '../../src/doctor/api.js';
import { movePortFix, pairKey, profileByName, profileToMove } from '../../src/doctor/helpers.js';
import type { Overlap } from '../../src/model.js';
import { isRange, roleLabel } from '../../src/ports/overlaps.js';
import type { PortRole } from '../../src/model.js';

// These pairs have checks of their own, with fixes that fit them better.
const OWN_CHECK: ReadonlyArray<[PortRole, PortRole]> = [
  ['gateway', 'gateway'],
  ['webhook', 'webhook'],
  ['cdp', 'cdp'],
];

function hasOwnCheck(a: PortRole, b: PortRole): boolean {
  return OWN_CHECK.some(([x, y]) => (x === a && y === b) || (x === b && y === a));
}

export default defineCheck({
  id: 'ports/derived-collision',
  title: 'No port of one profile, derived or configured, is also a port of another',
  scope: 'host',
  looksAt: 'the port plans of all profiles (gateway, sandbox, browser control, extension relay, CDP, canvas, webhooks)',
  run(context) {
    const byPair = new Map<string, Overlap[]>();
    for (const overlap of context.overlaps) {
      if (isRange(overlap.a.entry) || isRange(overlap.b.entry)) continue;
      if (hasOwnCheck(overlap.a.entry.role, overlap.b.entry.role)) continue;
      const key = pairKey(overlap.a.profile, overlap.b.profile);
      // Appended in place: copying the list per overlap made a crowded host quadratic.
      const list = byPair.get(key);
      if (list) list.push(overlap);
      else byPair.set(key, [overlap]);
    }
    const findings: FindingDraft[] = [];
    for (const overlaps of byPair.values()) {
      const a = profileByName(context, overlaps[0]!.a.profile);
      const b = profileByName(context, overlaps[0]!.b.profile);
      // Same base port: every derived port matches too, and ports/duplicate-gateway says it once.
      if (a.gatewayPort.port === b.gatewayPort.port) continue;
      const { moving, staying } = profileToMove(context, a, b);
      const shared = overlaps.map((overlap) => {
        const [mine, theirs] = overlap.a.profile === moving.name ? [overlap.a, overlap.b] : [overlap.b, overlap.a];
        return { port: overlap.from, [moving.name]: roleLabel(mine.entry), [staying.name]: roleLabel(theirs.entry) };
      });
      const described = shared.map((entry) => `${entry.port} (${moving.name} ${entry[moving.name]}, ${staying.name} ${entry[staying.name]})`);
      const move = movePortFix(context, moving);
      findings.push({
        severity: 'error',
        profile: moving.name,
        message: `${moving.name} and ${staying.name} plan the same port${shared.length === 1 ? '' : 's'} ${described.join(', ')}: whichever starts second fails to bind`,
        path: 'gateway.port',
        fixHint: move
          ? `Move ${moving.name} to base port ${move.port}; its derived ports move with it (base+1, base+2, CDP band base+11..base+110).`
          : `Move ${moving.name} to a base port at least 120 away from every other profile.`,
        ...(move ? { fix: move.fix } : {}),
        profiles: [staying.name, moving.name],
        evidence: { shared, ...(move ? { suggestedPort: move.port } : {}) },
      });
    }
    return findings;
  },
});
