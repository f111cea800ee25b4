// The CDP band of one profile overlaps ports of another: managed Chromes and gateways can land on each other.
import { defineCheck, type FindingDraft } from '../../src/doctor/api.js';
import { listeningPorts, movePortFix, pairKey, portRange, profileByName, profileToMove } from '../../src/doctor/helpers.js';
import { configSetAt, freeCdpBandPort, safeCommands } from '../../src/fixes/commands.js';
import type { Overlap, Profile } from '../../src/model.js';
import type { CheckContext } from '../../src/doctor/api.js';
import { describeEntry, isRange } from '../../src/ports/overlaps.js';

export default defineCheck({
  id: 'ports/band-overlap',
  title: "No profile has a port inside another profile's CDP band",
  scope: 'host',
  looksAt: 'the CDP bands (control+9..control+108) and ranges of all port plans',
  run(context) {
    const byPair = new Map<string, Overlap[]>();
    for (const overlap of context.overlaps) {
      if (!isRange(overlap.a.entry) && !isRange(overlap.b.entry)) continue;
      const key = pairKey(overlap.a.profile, overlap.b.profile);
      // Appended in place: copying the list per overlap made a crowded host quadratic.
      const list = byPair.get(key);
      if (list) list.push(overlap);
      else byPair.set(key, [overlap]);
    }
    const findings: FindingDraft[] = [];
    for (const overlaps of byPair.values()) {
      const first = overlaps[0]!;
      const a = profileByName(context, first.a.profile);
      const b = profileByName(context, first.b.profile);
      // Same base port: everything overlaps, and ports/duplicate-gateway says it once.
      if (a.gatewayPort.port === b.gatewayPort.port) continue;
      const { moving, staying } = profileToMove(context, a, b);
      const from = Math.min(...overlaps.map((overlap) => overlap.from));
      const to = Math.max(...overlaps.map((overlap) => overlap.to));
      const pinned = pinnedCdpMove(context, moving, overlaps);
      if (pinned) {
        findings.push({
          severity: 'warning',
          profile: moving.name,
          message: `${moving.name} and ${staying.name} overlap on ${portRange(from, to)}: a managed Chrome of one can take a port the other needs`,
          path: pinned.keys[0]!,
          fixHint: `Give ${pinned.keys.join(', ')} a port of ${moving.name}'s own CDP band (${pinned.band}): an explicit cdpPort stays where it is when the base port moves.`,
          ...(pinned.commands.length > 0 ? { fix: { commands: pinned.commands } } : {}),
          profiles: [staying.name, moving.name],
          evidence: { from, to, overlaps: overlaps.map(describeOverlap) },
        });
        continue;
      }
      const move = movePortFix(context, moving);
      findings.push({
        severity: 'warning',
        profile: moving.name,
        message: `${moving.name} and ${staying.name} overlap on ${portRange(from, to)}: a managed Chrome of one can take a port the other needs`,
        path: 'gateway.port',
        fixHint: move
          ? `Move ${moving.name} to base port ${move.port}: each instance reaches base+110 (its CDP band), so base ports need 111+ apart; the docs ask for 120.`
          : `Move ${moving.name} at least 120 ports away from ${staying.name}.`,
        ...(move ? { fix: move.fix } : {}),
        profiles: [staying.name, moving.name],
        evidence: {
          from,
          to,
          overlaps: overlaps.map(describeOverlap),
          ...(move ? { suggestedPort: move.port } : {}),
        },
      });
    }
    return findings;
  },
});

function describeOverlap(overlap: Overlap) {
  return { from: overlap.from, to: overlap.to, [overlap.a.profile]: describeEntry(overlap.a.entry), [overlap.b.profile]: describeEntry(overlap.b.entry) };
}

/**
 * When the moving profile meets the other only with explicit `browser.profiles.<n>.cdpPort` ports, moving its base would not
 * help (they are absolute): each gets a port of its own band instead. Applied live, no restart (measured on 2026.9.6).
 */
function pinnedCdpMove(context: CheckContext, moving: Profile, overlaps: readonly Overlap[]): { keys: string[]; band: string; commands: string[] } | null {
  const mine = overlaps.map((overlap) => (overlap.a.profile === moving.name ? overlap.a.entry : overlap.b.entry));
  if (!mine.every((entry) => entry.role === 'cdp' && !entry.derived && entry.source.endsWith('.cdpPort'))) return null;
  const band = moving.plan.find((entry) => entry.role === 'cdp-band');
  if (!band) return null;
  const taken = listeningPorts(context);
  const keys = [...new Set(mine.map((entry) => entry.source))];
  const moves: Array<[string, number | null]> = keys.map((key) => {
    const port = freeCdpBandPort(moving, context.profiles, taken, mine.find((entry) => entry.source === key)!.from);
    if (port !== null) taken.add(port);
    return [key, port];
  });
  return {
    keys,
    band: portRange(band.from, band.to),
    commands: moves.some(([, port]) => port === null)
      ? []
      : safeCommands(() => moves.map(([key, port]) => configSetAt(moving, key, port!, context.model.invocation))),
  };
}
