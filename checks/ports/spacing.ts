// Base ports too close together for the layout, even where no planned port collides yet.
import { defineCheck, type FindingDraft } from '../../src/doctor/api.js';
import { movePortFix, pairKey, pairsCloserThan, profileToMove } from '../../src/doctor/helpers.js';
import { instanceReach, RECOMMENDED_SPACING } from '../../src/ports/plan.js';
import { isRange } from '../../src/ports/overlaps.js';
import type { Overlap } from '../../src/model.js';

/** The check that reports an overlap with its exact ports, as band-overlap and derived-collision split them. */
function reporterOf(overlap: Overlap): string {
  if (isRange(overlap.a.entry) || isRange(overlap.b.entry)) return 'ports/band-overlap';
  if (overlap.a.entry.role === 'webhook' && overlap.b.entry.role === 'webhook') return 'ports/webhook-collision';
  return 'ports/derived-collision';
}

export default defineCheck({
  id: 'ports/spacing',
  title: 'Base ports of all profiles are at least 120 apart',
  scope: 'host',
  looksAt: 'the distance between the gateway base ports of every pair of profiles',
  run(context) {
    const reach = instanceReach(context.model.layout.version);
    // Only defer to a check that runs: with it skipped, spacing is the one left to say the pair is too close.
    const reported = context.overlaps.filter((overlap) => context.selected?.has(reporterOf(overlap)) ?? true);
    const overlapping = new Set(reported.map((overlap) => pairKey(overlap.a.profile, overlap.b.profile)));
    const findings: FindingDraft[] = [];
    const profiles = context.profiles;
    const close = pairsCloserThan(
      profiles.map((profile) => profile.gatewayPort.port),
      RECOMMENDED_SPACING,
    );
    for (const [a, b] of close.map(([i, j]) => [profiles[i]!, profiles[j]!] as const)) {
      const distance = Math.abs(a.gatewayPort.port - b.gatewayPort.port);
      // Pairs whose plans already meet are reported, with the exact ports, by the overlap checks.
      if (distance === 0 || distance >= RECOMMENDED_SPACING || overlapping.has(pairKey(a.name, b.name))) continue;
      const { moving, staying } = profileToMove(context, a, b);
      const move = movePortFix(context, moving);
      const tooClose = distance <= reach;
      findings.push({
        severity: tooClose ? 'warning' : 'info',
        profile: moving.name,
        message: `${moving.name} (${moving.gatewayPort.port}) is ${distance} ports from ${staying.name} (${staying.gatewayPort.port}); ${tooClose ? `each instance reaches base+${reach}, so they need ${reach + 1}+` : `the OpenClaw docs ask for ${RECOMMENDED_SPACING}`}`,
        path: 'gateway.port',
        fixHint: `Older docs said "leave 20 ports"; that predates the CDP band (control+9..control+108), which alone spans 100 ports. ${move ? `Move ${moving.name} to ${move.port}.` : `Move ${moving.name} ${RECOMMENDED_SPACING}+ ports away.`}`,
        ...(move ? { fix: move.fix } : {}),
        profiles: [staying.name, moving.name],
        evidence: { distance, needed: reach + 1, recommended: RECOMMENDED_SPACING, ...(move ? { suggestedPort: move.port } : {}) },
      });
    }
    return findings;
  },
});
