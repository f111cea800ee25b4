// What status and browser status show beyond the gateway: canvas, browser control and each browser profile, decided from owners and probes.
import type { LayoutVersion, Profile } from '../model.js';
import type { HostSnapshot } from '../host/types.js';
import type { ProbeResults } from '../probe/types.js';
import { probeHostFor, probeKey } from '../probe/targets.js';
import { CANVAS_PATH } from '../probe/gateway.js';
import { localPortOf } from '../ports/plan.js';
import { redact } from '../redact.js';
import type { BrowserProfileState, CanvasState, ControlState, GatewayStatus, PlannedPortStatus } from './live.js';
import { isGatewayUp } from './live.js';

interface Observed {
  snapshot: HostSnapshot;
  probes: ProbeResults;
}

function answerOf(probe: { outcome: string; status: number | null } | null | undefined): string | null {
  return probe ? `${probe.outcome}${probe.status !== null ? ` ${probe.status}` : ''}` : null;
}

function controlProbeAt(observed: Observed, port: number) {
  const host = probeHostFor(observed.snapshot, port);
  return host ? observed.probes.control[probeKey(host, port)] : undefined;
}

/** The canvas: a path on the gateway port in 2026.9 (401 without a token), its own port in the older layout. */
export function canvasState(gateway: GatewayStatus, ports: readonly PlannedPortStatus[], observed: Observed, layout: LayoutVersion): CanvasState | null {
  if (layout === '2026.9') {
    const canvas = gateway.probe?.canvas ?? null;
    // 401 is the answer without a token: the canvas is there, behind the gateway's auth.
    const served = canvas?.status === 401 || canvas?.status === 200;
    return {
      where: 'gateway-path',
      port: gateway.port,
      path: CANVAS_PATH,
      state: canvas === null ? 'unknown' : served ? 'served' : 'not-served',
      answer: answerOf(canvas),
    };
  }
  const entry = ports.find((status) => status.entry.role === 'canvas');
  if (!entry) return null;
  const probe = controlProbeAt(observed, entry.port);
  return {
    where: 'port',
    port: entry.port,
    path: null,
    state: entry.owners.length === 0 ? 'not-served' : probe?.root.status ? 'served' : 'unknown',
    answer: answerOf(probe?.root),
  };
}

/** The browser control service: its own listener, inside the gateway (2026.9 default), down, or someone else's. */
export function controlState(
  profile: Profile,
  gateway: GatewayStatus,
  ports: readonly PlannedPortStatus[],
  observed: Observed,
  layout: LayoutVersion,
): ControlState {
  const entry = ports.find((status) => status.entry.role === 'browser-control');
  const port = entry?.port ?? gateway.port + 2;
  const owner = entry?.owners[0] ?? null;
  const answer = answerOf(controlProbeAt(observed, port)?.root);
  if (owner) {
    const own = owner.profile === profile.name && owner.kind === 'gateway-of-profile';
    return { port, state: own ? 'listening' : 'foreign', owner, answer };
  }
  // In 2026.9 browser control runs inside the gateway unless OPENCLAW_EAGER_BROWSER_CONTROL_SERVER=1.
  return { port, state: isGatewayUp(gateway) && layout === '2026.9' ? 'in-gateway' : 'down', owner: null, answer };
}

/** Each browser profile: whose Chrome is on its CDP port (or relay), with what the CDP probe saw. */
export function browserProfileStates(profile: Profile, ports: readonly PlannedPortStatus[], observed: Observed): BrowserProfileState[] {
  return profile.browserProfiles.map((browser) => {
    const url = browser.cdpUrl ?? (browser.name === 'openclaw' ? profile.browserCdpUrl : null);
    const base = { name: browser.name, cdpUrl: url ? redact(url) : null, driver: browser.driver };
    const none = { browser: null, protocolVersion: null, tabs: null };
    if (browser.driver === 'extension') {
      const relay = ports.find((status) => status.entry.role === 'extension-relay' && status.entry.label === browser.name);
      return { ...base, ...none, cdpPort: relay?.port ?? null, state: 'extension', owner: relay?.owners[0] ?? null };
    }
    const planned = ports.find((status) => status.entry.role === 'cdp' && status.entry.label === browser.name);
    const port = planned?.port ?? (url ? localPortOf(url) : null);
    if (port === null) return { ...base, ...none, cdpPort: null, state: 'remote', owner: null };
    const owner = planned?.owners[0] ?? null;
    const host = probeHostFor(observed.snapshot, port);
    const cdp = host ? observed.probes.cdp[probeKey(host, port)] : undefined;
    const mine = owner !== null && owner.kind === 'chromium' && owner.profile === profile.name;
    const state = owner === null ? (cdp?.isCdp ? 'foreign' : 'down') : mine ? 'up' : 'foreign';
    return { ...base, cdpPort: port, state, owner, browser: cdp?.browser ?? null, protocolVersion: cdp?.protocolVersion ?? null, tabs: cdp?.tabs ?? null };
  });
}
