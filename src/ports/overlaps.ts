// Where the port plans of two profiles meet: the same port, or intersecting ranges.
import type { Overlap, PlannedPort, PortPlanEntry, PortRole } from '../model.js';

const RANGE_ROLES: ReadonlySet<PortRole> = new Set(['cdp-band', 'extension-relay']);

export function isRange(entry: PortPlanEntry): boolean {
  return RANGE_ROLES.has(entry.role) && entry.to > entry.from;
}

/** Two specific, different addresses can share a port; loopback, wildcards and unknowns cannot. */
export function bindsCanCollide(a: string, b: string): boolean {
  const wildcard = (address: string) => address === '0.0.0.0' || address === '::' || address === 'tailnet';
  if (a === b || wildcard(a) || wildcard(b)) return true;
  const loopback = (address: string) => address.startsWith('127.') || address === '::1';
  return loopback(a) === loopback(b) ? a === b : false;
}

/** Every pair of entries of different profiles whose ports intersect, sorted by port. */
export function findOverlaps(profiles: readonly { name: string; plan: readonly PortPlanEntry[] }[]): Overlap[] {
  const planned: PlannedPort[] = profiles.flatMap((profile) => profile.plan.map((entry) => ({ profile: profile.name, entry })));
  planned.sort((x, y) => x.entry.from - y.entry.from);
  const overlaps: Overlap[] = [];
  for (let i = 0; i < planned.length; i += 1) {
    const a = planned[i]!;
    for (let j = i + 1; j < planned.length; j += 1) {
      const b = planned[j]!;
      if (b.entry.from > a.entry.to) break;
      if (a.profile === b.profile || !bindsCanCollide(a.entry.bind, b.entry.bind)) continue;
      overlaps.push({ from: b.entry.from, to: Math.min(a.entry.to, b.entry.to), a, b });
    }
  }
  return overlaps.sort((x, y) => x.from - y.from || x.a.profile.localeCompare(y.a.profile) || x.b.profile.localeCompare(y.b.profile));
}

/** `cdp (work)`: a plan entry's role, with the browser profile or channel it is for. */
export function roleLabel(entry: PortPlanEntry): string {
  return entry.label ? `${entry.role} (${entry.label})` : entry.role;
}

export function describeEntry(entry: PortPlanEntry): string {
  const where = entry.from === entry.to ? `${entry.from}` : `${entry.from}-${entry.to}`;
  const label = entry.label ? ` "${entry.label}"` : '';
  return `${entry.role}${label} ${where}`;
}
