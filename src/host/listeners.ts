// Pure questions about the socket table: who listens on a port, whether one bind blocks another, one owner per pid.
import type { HostSnapshot, Listener } from './types.js';

export function listenersOnPort(snapshot: Pick<HostSnapshot, 'listeners'>, port: number): Listener[] {
  return snapshot.listeners.filter((listener) => listener.port === port);
}

const isIpv4 = (address: string) => !address.includes(':');

/**
 * Whether a socket listening on `listenerAddress` makes a bind of the same port on `wantedAddress` fail (Linux,
 * no SO_REUSEPORT): the same address; `::` (dual-stack) against anything; `0.0.0.0` against any IPv4 address.
 * 127.0.0.1 and ::1 do not block each other: both bind, and "localhost:P" then has two owners (see splitLocalhost).
 * A `::` socket with IPV6_V6ONLY would not block IPv4 binds, but /proc/net/tcp6 does not show that flag: assumed off, as Node does.
 */
export function blocksBind(listenerAddress: string, wantedAddress: string): boolean {
  if (listenerAddress === wantedAddress) return true;
  if (listenerAddress === '::' || wantedAddress === '::') return true;
  return isIpv4(listenerAddress) && isIpv4(wantedAddress) && (listenerAddress === '0.0.0.0' || wantedAddress === '0.0.0.0');
}

export interface Owner {
  /** null when the owner is hidden; hidden listeners are never merged, since nothing shows they share an owner. */
  pid: number | null;
  listeners: Listener[];
  /** Sorted addresses, e.g. `['127.0.0.1', '::1']` for a loopback gateway. */
  addresses: string[];
}

/** One owner per pid: a gateway on 127.0.0.1 and ::1 of one port is one owner with two addresses, not two listeners. */
export function groupByOwner(listeners: readonly Listener[]): Owner[] {
  const groups = new Map<string, Listener[]>();
  for (const listener of listeners) {
    const key = listener.pid === null ? `hidden:${listener.address}:${listener.port}` : `pid:${listener.pid}`;
    groups.set(key, [...(groups.get(key) ?? []), listener]);
  }
  return [...groups.values()].map((group) => ({
    pid: group[0]!.pid,
    listeners: group,
    addresses: [...new Set(group.map((listener) => listener.address))].sort(),
  }));
}

export interface LocalhostSplit {
  /** Listeners a client reaching 127.0.0.1 gets (127.0.0.1 or 0.0.0.0). */
  ipv4: Listener[];
  /** Listeners a client reaching ::1 gets. */
  ipv6: Listener[];
}

/**
 * Two different owners behind "localhost:P" on one port: one on 127.0.0.1 (or 0.0.0.0), another on ::1. Which one a
 * client reaches depends on its resolver's order. Null when one owner holds both sides, a side is empty, or both
 * sides are hidden (then nothing shows they differ). A visible pid on one side only is proof: it did not bind the other.
 */
export function splitLocalhost(listeners: readonly Listener[]): LocalhostSplit | null {
  const ipv4 = listeners.filter((listener) => listener.address === '127.0.0.1' || listener.address === '0.0.0.0');
  const ipv6 = listeners.filter((listener) => listener.address === '::1');
  if (ipv4.length === 0 || ipv6.length === 0) return null;
  const pids = (side: Listener[]) => new Set(side.map((listener) => listener.pid));
  const [v4, v6] = [pids(ipv4), pids(ipv6)];
  if ([...v4, ...v6].every((pid) => pid === null)) return null;
  const same = v4.size === 1 && v6.size === 1 && [...v4][0] === [...v6][0];
  return same ? null : { ipv4, ipv6 };
}
