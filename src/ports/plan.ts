// The port plan of one profile: every port or range its gateway binds or reserves, and why.
import type { BrowserProfileConfig, LayoutVersion, PortPlanEntry, WebhookEntry } from '../model.js';

export const LOOPBACK = '127.0.0.1';

export interface PlanInput {
  gatewayPort: number;
  gatewayPortSource: string;
  gatewayBind: string;
  sandboxPort: number | null;
  browserEnabled: boolean;
  browserCdpUrl: string | null;
  browserProfiles: readonly BrowserProfileConfig[];
  /** `canvasHost` of older configs: the 2026.1 layout's canvas port. */
  canvasEnabled: boolean;
  canvasPort: number | null;
  webhooks: readonly WebhookEntry[];
}

/** Offsets that define a layout, from OPENCLAW.md section 3. */
interface LayoutOffsets {
  control: number;
  relay: { from: number; to: number } | null;
  canvas: number | null;
}

// 2026.9: relay counts down from control+8 and only extension-driver profiles use it; canvas lives on the gateway port.
// 2026.1 (the user's document): relay at base+3, canvas host at base+4.
const OFFSETS: Record<LayoutVersion, LayoutOffsets> = {
  '2026.9': { control: 2, relay: null, canvas: null },
  '2026.1': { control: 2, relay: { from: 3, to: 3 }, canvas: 4 },
};

const CDP_BAND_START = 9;
const CDP_BAND_END = 108;
const RELAY_TOP = 8;
const BUILTIN_RELAY_PROFILE = 'chrome';

/** How far above its base one instance reaches: base+110 (control+108). */
export function instanceReach(layout: LayoutVersion): number {
  return OFFSETS[layout].control + CDP_BAND_END;
}

/** What the current OpenClaw docs recommend: leave at least 120 between base ports. */
export const RECOMMENDED_SPACING = 120;

export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '');
  return bare === 'localhost' || bare === '::1' || bare.startsWith('127.') || bare === '0.0.0.0';
}

/** The local port of a URL (CDP, gateway) that points at this host; null for remote or unparsable URLs. */
export function localPortOf(address: string): number | null {
  try {
    const url = new URL(address);
    if (!isLoopbackHost(url.hostname)) return null;
    if (url.port) return Number(url.port);
    return url.protocol === 'https:' || url.protocol === 'wss:' ? 443 : 80;
  } catch {
    return null;
  }
}

type Placement = 'derived' | 'absolute';

function single(role: PortPlanEntry['role'], port: number, bind: string, source: string, placement: Placement, label?: string): PortPlanEntry {
  const entry: PortPlanEntry = { role, from: port, to: port, bind, source, derived: placement === 'derived' };
  return label === undefined ? entry : { ...entry, label };
}

/**
 * 2026.9.6 adds a built-in extension profile `chrome` to every config (`profiles.chrome ||= {driver: "extension"}`),
 * and gives extension profiles without a cdpPort relay ports from control+8 down, in name order, skipping ports other profiles pin.
 */
function relayEntries(input: PlanInput, control: number): PortPlanEntry[] {
  const profiles = input.browserProfiles.some((profile) => profile.name === BUILTIN_RELAY_PROFILE)
    ? input.browserProfiles
    : [...input.browserProfiles, { name: BUILTIN_RELAY_PROFILE, cdpPort: null, cdpUrl: null, driver: 'extension', userDataDir: null, implicit: true }];
  const reserved = new Set(profiles.map((profile) => profile.cdpPort).filter((port): port is number => port !== null));
  const entries: PortPlanEntry[] = [];
  const names = profiles
    .filter((profile) => profile.driver === 'extension' && profile.cdpPort === null)
    .map((profile) => profile.name)
    .sort();
  let next = control + RELAY_TOP;
  for (const name of names) {
    while (next > control && reserved.has(next)) next -= 1;
    if (next <= control) break;
    const builtin = name === BUILTIN_RELAY_PROFILE && !input.browserProfiles.some((profile) => profile.name === name);
    const offset = next - control;
    entries.push(
      single(
        'extension-relay',
        next,
        LOOPBACK,
        builtin
          ? `control+${offset} (relay of the built-in "chrome" extension profile, 2026.9.6)`
          : `control+${offset} (extension relay, counting down from control+${RELAY_TOP})`,
        'derived',
        name,
      ),
    );
    reserved.add(next);
    next -= 1;
  }
  return entries;
}

function browserEntries(input: PlanInput, control: number, layout: LayoutVersion): PortPlanEntry[] {
  const entries: PortPlanEntry[] = [];
  const bandFrom = control + CDP_BAND_START;
  const bandTo = control + CDP_BAND_END;
  entries.push({ role: 'cdp-band', from: bandFrom, to: bandTo, bind: LOOPBACK, source: `control+${CDP_BAND_START}..control+${CDP_BAND_END}`, derived: true });

  if (layout === '2026.9') entries.push(...relayEntries(input, control));

  const takenBandPorts = new Set(input.browserProfiles.map((profile) => profile.cdpPort).filter((port): port is number => port !== null));
  // The built-in `openclaw` profile, when nothing pins it, takes control+9 whatever another profile pins there
  // (measured on 2026.9.6: both on one port); the others allocate around it.
  const builtInAtBandStart = (profile: BrowserProfileConfig) =>
    layout === '2026.9' && profile.name === 'openclaw' && profile.cdpPort === null && (profile.cdpUrl ?? input.browserCdpUrl) === null;
  if (input.browserProfiles.some((profile) => profile.driver !== 'extension' && builtInAtBandStart(profile))) takenBandPorts.add(bandFrom);
  let nextBandPort = bandFrom;
  const nextFreeBandPort = (): number | null => {
    while (nextBandPort <= bandTo && takenBandPorts.has(nextBandPort)) nextBandPort += 1;
    if (nextBandPort > bandTo) return null;
    takenBandPorts.add(nextBandPort);
    return nextBandPort;
  };

  for (const profile of input.browserProfiles) {
    if (profile.driver === 'extension') continue;
    const key = profile.implicit ? 'browser' : `browser.profiles.${profile.name}`;
    const url = profile.cdpUrl ?? (profile.name === 'openclaw' ? input.browserCdpUrl : null);
    if (profile.cdpPort !== null) {
      entries.push(single('cdp', profile.cdpPort, LOOPBACK, `${key}.cdpPort`, 'absolute', profile.name));
    } else if (url !== null) {
      const port = localPortOf(url);
      const urlKey = profile.cdpUrl !== null ? `${key}.cdpUrl` : 'browser.cdpUrl';
      if (port !== null) entries.push(single('cdp', port, LOOPBACK, urlKey, 'absolute', profile.name));
    } else if (builtInAtBandStart(profile)) {
      entries.push(single('cdp', bandFrom, LOOPBACK, `control+${CDP_BAND_START}, the built-in profile's port`, 'derived', profile.name));
    } else {
      const port = nextFreeBandPort();
      if (port !== null) entries.push(single('cdp', port, LOOPBACK, `first free port of the CDP band (control+${port - control})`, 'derived', profile.name));
    }
  }
  return entries;
}

export function buildPortPlan(input: PlanInput, layout: LayoutVersion): PortPlanEntry[] {
  const base = input.gatewayPort;
  const offsets = OFFSETS[layout];
  const control = base + offsets.control;
  const plan: PortPlanEntry[] = [single('gateway', base, input.gatewayBind, input.gatewayPortSource, 'derived')];

  plan.push(
    input.sandboxPort !== null
      ? single('sandbox', input.sandboxPort, input.gatewayBind, 'mcp.apps.sandboxPort', 'absolute')
      : single('sandbox', base + 1, input.gatewayBind, 'base+1', 'derived'),
  );
  // There is no config key for the control port: it is always base+2, reserved even when it runs inside the gateway.
  plan.push(single('browser-control', control, LOOPBACK, `base+${offsets.control}`, 'derived'));
  if (offsets.relay) {
    plan.push({
      role: 'extension-relay',
      from: base + offsets.relay.from,
      to: base + offsets.relay.to,
      bind: LOOPBACK,
      source: `base+${offsets.relay.from}`,
      derived: true,
    });
  }
  if (offsets.canvas !== null && input.canvasEnabled) {
    plan.push(
      input.canvasPort !== null
        ? single('canvas', input.canvasPort, input.gatewayBind, 'canvasHost.port', 'absolute')
        : single('canvas', base + offsets.canvas, input.gatewayBind, `base+${offsets.canvas}`, 'derived'),
    );
  }
  if (input.browserEnabled) plan.push(...browserEntries(input, control, layout));
  for (const webhook of input.webhooks) plan.push(single('webhook', webhook.port, webhook.bind, webhook.source, 'absolute', webhook.channel));
  return plan;
}

/**
 * The same plan around another base (a gateway that runs where its lock says, not where its config says):
 * derived ports move with the base, absolute keys (`cdpPort`, webhooks) stay where they are.
 */
export function rebasePlan(plan: readonly PortPlanEntry[], base: number, source: string): PortPlanEntry[] {
  const gateway = plan.find((entry) => entry.role === 'gateway');
  const shift = gateway ? base - gateway.from : 0;
  if (shift === 0) return [...plan];
  return plan.map((entry) => {
    if (entry.role === 'gateway') return { ...entry, from: base, to: base, source };
    return entry.derived ? { ...entry, from: entry.from + shift, to: entry.to + shift } : entry;
  });
}
