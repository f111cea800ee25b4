// Socket rows as systeminformation hands them over (from netstat, ss or lsof), normalised once into Listeners.
import type { AddressFamily, Listener } from './types.js';

/** The fields of a systeminformation `networkConnections()` row that clawdoc reads. */
export interface SocketRow {
  protocol?: string;
  localAddress?: string;
  localPort?: string | number;
  state?: string;
  pid?: number | string | null;
}

/**
 * One spelling per address: no brackets, no `%iface`, v4-mapped IPv6 as IPv4, wildcards as `0.0.0.0` / `::`.
 * `*` means `::` unless the protocol says IPv4: ss prints a dual-stack `::` listener as `*` (measured, iproute2 6.x),
 * macOS netstat prints `*` for both wildcards and tells them apart by `tcp4` / `tcp6` / `tcp46`.
 */
export function normaliseAddress(raw: string, protocol = ''): { address: string; family: AddressFamily } {
  let address = raw
    .trim()
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/%[^%]*$/, '');
  if (address === '*' || address === '') address = /4$/.test(protocol) ? '0.0.0.0' : '::';
  // netstat prints a socket bound to ::ffff:127.0.0.1 as `tcp6 127.0.0.1`, ss as `[::ffff:127.0.0.1]`: it is an IPv4 bind.
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) address = mapped[1]!;
  if (address.includes(':') && address.split(':').every((group) => /^0*$/.test(group))) address = '::';
  const family: AddressFamily = address.includes(':') ? 'ipv6' : 'ipv4';
  return { address: family === 'ipv6' ? address.toLowerCase() : address, family };
}

/** A positive integer pid, else null: rows of sockets whose owner is hidden carry null, NaN, 0 or `-`. */
export function toPid(value: unknown): number | null {
  const pid = typeof value === 'string' ? Number.parseInt(value, 10) : value;
  return typeof pid === 'number' && Number.isInteger(pid) && pid > 0 ? pid : null;
}

/** LISTEN rows of TCP sockets only (a TIME_WAIT row is never a conflict). */
export function listenersFromRows(rows: readonly SocketRow[]): Listener[] {
  const listeners: Listener[] = [];
  for (const row of rows) {
    const protocol = String(row.protocol ?? 'tcp').toLowerCase();
    if (row.state !== 'LISTEN' || !protocol.startsWith('tcp')) continue;
    const port = Number.parseInt(String(row.localPort ?? ''), 10);
    if (!Number.isInteger(port) || port <= 0 || port > 65535) continue;
    listeners.push({ ...normaliseAddress(String(row.localAddress ?? ''), protocol), port, pid: toPid(row.pid) });
  }
  return uniqueListeners(listeners);
}

/** One row per (address, port, pid): SO_REUSEPORT groups and tools that print a socket twice collapse. */
export function uniqueListeners(listeners: readonly Listener[]): Listener[] {
  const seen = new Set<string>();
  return listeners.filter((listener) => {
    const key = `${listener.address}|${listener.port}|${listener.pid}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
