// A concrete free base port for a profile that must move: clear of every plan, every listener, and spaced.
import type { LayoutVersion, Profile } from '../model.js';
import { instanceReach, RECOMMENDED_SPACING } from '../ports/plan.js';

const SEARCH_FROM = 18789;
const SEARCH_STEP = 10;
const HIGHEST_PORT = 65535;

type PlannedProfile = Pick<Profile, 'name' | 'plan' | 'gatewayPort'>;

export interface FreePortInputs {
  /** The profile being moved: its own plan and listeners do not count against it. */
  moving: string;
  profiles: readonly PlannedProfile[];
  /** Every port something listens on now. */
  listeningPorts: ReadonlySet<number>;
  layout: LayoutVersion;
}

/**
 * The lowest base port (18789 + a multiple of 10) whose whole reach (base..base+110) touches no other
 * profile's plan and no listener, and that sits at least 120 from every other base (the current docs' spacing).
 */
export function suggestBasePort(inputs: FreePortInputs): number | null {
  return freeBaseFinder(inputs)(inputs.moving);
}

/**
 * `suggestBasePort` for many moving profiles of one host. Comparing every candidate base with every other
 * profile made a crowded host quadratic (seconds at 1,000 profiles), so each candidate base instead counts,
 * once, the profiles that block it; a moving profile's base is then the first whose count is its own share.
 */
export function freeBaseFinder(inputs: Omit<FreePortInputs, 'moving'>): (moving: string) => number | null {
  const reach = instanceReach(inputs.layout);
  const candidates = Math.max(0, Math.floor((HIGHEST_PORT - reach - SEARCH_FROM) / SEARCH_STEP) + 1);
  const baseAt = (index: number) => SEARCH_FROM + index * SEARCH_STEP;
  // Candidate indexes [first, last] of the bases in [low, high].
  const indexRange = (low: number, high: number): [number, number] => [
    Math.max(0, Math.ceil((low - SEARCH_FROM) / SEARCH_STEP)),
    Math.min(candidates - 1, Math.floor((high - SEARCH_FROM) / SEARCH_STEP)),
  ];
  // Every (profile, candidate range) that blocks: a base closer than the spacing, or a plan entry in base..base+reach.
  const blocksOf = (profile: PlannedProfile): Array<[number, number]> => [
    indexRange(profile.gatewayPort.port - RECOMMENDED_SPACING + 1, profile.gatewayPort.port + RECOMMENDED_SPACING - 1),
    ...profile.plan.map((entry) => indexRange(entry.from - reach, entry.to)),
  ];
  const difference = new Int32Array(candidates + 1);
  const byName = new Map<string, PlannedProfile[]>();
  for (const profile of inputs.profiles) {
    byName.set(profile.name, [...(byName.get(profile.name) ?? []), profile]);
    for (const [first, last] of blocksOf(profile)) {
      if (first > last) continue;
      difference[first]! += 1;
      difference[last + 1]! -= 1;
    }
  }
  const blockers = new Int32Array(candidates);
  for (let index = 0, running = 0; index < candidates; index += 1) blockers[index] = running += difference[index]!;

  const listened = new Int32Array(HIGHEST_PORT + 2);
  for (const port of inputs.listeningPorts) if (port >= 0 && port <= HIGHEST_PORT) listened[port + 1] = 1;
  for (let port = 1; port < listened.length; port += 1) listened[port]! += listened[port - 1]!;
  const isListened = (index: number) => listened[baseAt(index) + reach + 1]! - listened[baseAt(index)]! > 0;

  // Only a base no more profiles block than one name has blocks can be free for some moving profile.
  let mostOwn = 0;
  for (const named of byName.values())
    mostOwn = Math.max(
      mostOwn,
      named.reduce((sum, profile) => sum + profile.plan.length + 1, 0),
    );
  const open: number[] = [];
  for (let index = 0; index < candidates; index += 1) if (blockers[index]! <= mostOwn && !isListened(index)) open.push(index);

  const found = new Map<string, number | null>();
  return (moving) => {
    if (found.has(moving)) return found.get(moving)!;
    const own = (byName.get(moving) ?? []).map(blocksOf).flat();
    let result: number | null = null;
    for (const index of open) {
      if (blockers[index]! > own.length) continue;
      const ownShare = own.filter(([first, last]) => first <= index && index <= last).length;
      if (blockers[index] === ownShare) {
        result = baseAt(index);
        break;
      }
    }
    found.set(moving, result);
    return result;
  };
}
