// Which ports get probed: only planned ports that something listens on, at a loopback address that reaches it.
import type { HostModel } from '../model.js';
import type { HostSnapshot } from '../host/types.js';
import { localPortOf } from '../ports/plan.js';

export interface ProbeTarget {
  host: string;
  port: number;
}

export interface ProbeTargets {
  gateways: ProbeTarget[];
  cdp: ProbeTarget[];
  control: ProbeTarget[];
}

/** The key of a probe result: the address and port it was sent to. */
export function probeKey(host: string, port: number): string {
  return `${host}:${port}`;
}

/** The loopback address a client reaches the listener on, or null when nothing loopback-reachable listens. */
export function probeHostFor(snapshot: HostSnapshot, port: number): string | null {
  const addresses = snapshot.listeners.filter((listener) => listener.port === port).map((listener) => listener.address);
  if (addresses.some((address) => address === '127.0.0.1' || address === '0.0.0.0' || address === '::')) return '127.0.0.1';
  if (addresses.includes('::1')) return '::1';
  return null;
}

export function probeTargets(model: HostModel, snapshot: HostSnapshot): ProbeTargets {
  const seen = { gateways: new Set<string>(), cdp: new Set<string>(), control: new Set<string>() };
  const targets: ProbeTargets = { gateways: [], cdp: [], control: [] };
  const add = (kind: keyof ProbeTargets, port: number) => {
    const host = probeHostFor(snapshot, port);
    const key = probeKey(host ?? '', port);
    if (host === null || seen[kind].has(key)) return;
    seen[kind].add(key);
    targets[kind].push({ host, port });
  };
  for (const profile of model.profiles) {
    add('gateways', profile.gatewayPort.port);
    add('gateways', profile.cliPort.port);
    for (const lock of profile.locks) if (lock.port !== null) add('gateways', lock.port);
    for (const entry of profile.plan) {
      // The control service and the older layout's canvas host both get a plain GET of their root.
      if (entry.role === 'browser-control' || entry.role === 'canvas') add('control', entry.from);
      if (entry.role === 'cdp') add('cdp', entry.from);
      if (entry.role === 'cdp-band') {
        for (const listener of snapshot.listeners) if (listener.port >= entry.from && listener.port <= entry.to) add('cdp', listener.port);
      }
    }
    for (const url of [profile.browserCdpUrl, ...profile.browserProfiles.map((browser) => browser.cdpUrl)]) {
      const port = url ? localPortOf(url) : null;
      if (port !== null) add('cdp', port);
    }
  }
  return targets;
}
