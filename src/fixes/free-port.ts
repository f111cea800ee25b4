// A concrete free base port for a profile that must move: clear of every plan, every listener, and spaced.
import type { LayoutVersion, Profile } from '../model.js';
import { instanceReach, RECOMMENDED_SPACING } from '../ports/plan.js';

const SEARCH_FROM = 18789;
const SEARCH_STEP = 10;
const HIGHEST_PORT = 65535;

export interface FreePortInputs {
  /** The profile being moved: its own plan and listeners do not count against it. */
  moving: string;
  profiles: readonly Pick<Profile, 'name' | 'plan' | 'gatewayPort'>[];
  /** Every port something listens on now. */
  listeningPorts: ReadonlySet<number>;
  layout: LayoutVersion;
}

/**
 * The lowest base port (18789 + a multiple of 10) whose whole reach (base..base+110) touches no other
 * profile's plan and no listener, and that sits at least 120 from every other base (the current docs' spacing).
 */
export function suggestBasePort(inputs: FreePortInputs): number | null {
  const reach = instanceReach(inputs.layout);
  const others = inputs.profiles.filter((profile) => profile.name !== inputs.moving);
  const otherBases = others.map((profile) => profile.gatewayPort.port);
  const otherEntries = others.flatMap((profile) => profile.plan);
  for (let base = SEARCH_FROM; base + reach <= HIGHEST_PORT; base += SEARCH_STEP) {
    const top = base + reach;
    if (otherBases.some((other) => Math.abs(other - base) < RECOMMENDED_SPACING)) continue;
    if (otherEntries.some((entry) => entry.from <= top && base <= entry.to)) continue;
    let listened = false;
    for (let port = base; port <= top && !listened; port += 1) listened = inputs.listeningPorts.has(port);
    if (!listened) return base;
  }
  return null;
}
