// Observe: one snapshot per run of the listening TCP sockets, their owners' processes and the liveness of lock pids.
import fs from 'node:fs';
import type { AddressFamily, HostSnapshot, Listener, ProcessInfo } from './types.js';
import { readSocketTable } from './proc-net.js';

export interface SnapshotOptions {
  lockPids: readonly number[];
  /** Planned ports: a listener there whose owner is hidden gets one targeted look-up with pid-port. */
  portsOfInterest?: readonly number[];
  /** Bound of the socket-table read (systeminformation has no timeout of its own). */
  timeoutMs: number;
}

interface SiConnection {
  protocol?: string;
  localAddress?: string;
  localPort?: string | number;
  state?: string;
  pid?: number | null;
}

/** Normalises an address as netstat or ss print it: no brackets, no `%iface`, wildcards as `0.0.0.0` / `::`. */
export function normaliseAddress(raw: string): { address: string; family: AddressFamily } {
  let address = raw.trim().replace(/^\[|\]$/g, '').replace(/%[\w.-]+$/, '');
  if (address === '*' || address === '') address = '0.0.0.0';
  if (address === '::ffff:127.0.0.1') address = '127.0.0.1';
  if (address.startsWith('::ffff:') && address.includes('.')) address = address.slice(7);
  const family: AddressFamily = address.includes(':') ? 'ipv6' : 'ipv4';
  return { address: address === '::0' ? '::' : address, family };
}

function toPid(value: unknown): number | null {
  const pid = typeof value === 'string' ? Number.parseInt(value, 10) : value;
  return typeof pid === 'number' && Number.isInteger(pid) && pid > 0 ? pid : null;
}

export function listenersFromConnections(connections: readonly SiConnection[]): Listener[] {
  const seen = new Set<string>();
  const listeners: Listener[] = [];
  for (const connection of connections) {
    if (connection.state !== 'LISTEN' || !String(connection.protocol ?? 'tcp').startsWith('tcp')) continue;
    const port = Number.parseInt(String(connection.localPort ?? ''), 10);
    if (!Number.isInteger(port) || port <= 0 || port > 65535) continue;
    const { address, family } = normaliseAddress(String(connection.localAddress ?? ''));
    const listener: Listener = { address, family, port, pid: toPid(connection.pid) };
    const key = `${address}|${port}|${listener.pid}`;
    if (seen.has(key)) continue;
    seen.add(key);
    listeners.push(listener);
  }
  return listeners;
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

interface SocketRead {
  listeners: Listener[];
  method: string;
}

async function readWithSystemInformation(timeoutMs: number): Promise<SocketRead> {
  const si = await import('systeminformation');
  const connections = (await withTimeout(si.networkConnections(), timeoutMs, 'systeminformation.networkConnections')) as SiConnection[];
  return { listeners: listenersFromConnections(connections), method: 'systeminformation (netstat/ss)' };
}

/**
 * systeminformation first (the mandated reader); on Linux /proc/net/tcp{,6} double-checks it, since
 * systeminformation answers [] both for "no listeners" and for "netstat and ss both failed".
 */
async function readListeners(timeoutMs: number): Promise<SocketRead> {
  let siError: string | null = null;
  try {
    const read = await readWithSystemInformation(timeoutMs);
    if (read.listeners.length > 0) return mergeProcPids(read);
  } catch (error) {
    siError = (error as Error).message;
  }
  const proc = readSocketTable();
  if (proc) return { listeners: proc, method: siError ? `/proc/net/tcp (systeminformation failed: ${siError})` : '/proc/net/tcp' };
  if (siError) throw new Error(siError);
  return { listeners: [], method: 'systeminformation (netstat/ss)' };
}

/** Fills pids systeminformation could not see from /proc (same visibility rules, no extra tool). */
function mergeProcPids(read: SocketRead): SocketRead {
  if (!read.listeners.some((listener) => listener.pid === null)) return read;
  const proc = readSocketTable();
  if (!proc) return read;
  const listeners = read.listeners.map((listener) => {
    if (listener.pid !== null) return listener;
    const match = proc.find((candidate) => candidate.port === listener.port && candidate.address === listener.address && candidate.pid !== null);
    return match ? { ...listener, pid: match.pid } : listener;
  });
  return { ...read, listeners };
}

function readProcFile(pid: number, name: string): string | null {
  try {
    return fs.readFileSync(`/proc/${pid}/${name}`, 'utf8');
  } catch {
    return null;
  }
}

const OPENCLAW_IDENTITY_ENV = ['OPENCLAW_PROFILE', 'OPENCLAW_STATE_DIR', 'OPENCLAW_CONFIG_PATH'];

/** Only the variables that identify a profile; never the rest of a process environment (it may hold secrets). */
function openclawEnvOf(pid: number): Record<string, string> | undefined {
  const environ = readProcFile(pid, 'environ');
  if (!environ) return undefined;
  const env: Record<string, string> = {};
  for (const entry of environ.split('\0')) {
    const eq = entry.indexOf('=');
    const key = entry.slice(0, eq);
    if (eq > 0 && OPENCLAW_IDENTITY_ENV.includes(key)) env[key] = entry.slice(eq + 1);
  }
  return Object.keys(env).length > 0 ? env : undefined;
}

function userOf(uid: number | null): string | null {
  if (uid === null) return null;
  try {
    const line = fs.readFileSync('/etc/passwd', 'utf8').split('\n').find((entry) => entry.split(':')[2] === String(uid));
    return line ? line.split(':')[0]! : String(uid);
  } catch {
    return String(uid);
  }
}

export function processInfo(pid: number): ProcessInfo | null {
  const status = readProcFile(pid, 'status');
  if (status === null) return null;
  const field = (name: string) => new RegExp(`^${name}:\\s*(.*)$`, 'm').exec(status)?.[1]?.trim() ?? null;
  const argv = (readProcFile(pid, 'cmdline') ?? '').split('\0').filter(Boolean);
  const comm = (readProcFile(pid, 'comm') ?? field('Name') ?? '').trim();
  // comm is cut at 15 characters (`openclaw-gatewa`); the title in argv[0] is whole.
  const title = argv[0]?.split('/').pop() ?? '';
  const name = title.startsWith(comm) && title.length > comm.length ? title : comm;
  const uid = Number.parseInt(field('Uid') ?? '', 10);
  const ppid = Number.parseInt(field('PPid') ?? '', 10);
  const info: ProcessInfo = {
    pid,
    ppid: Number.isInteger(ppid) ? ppid : null,
    user: userOf(Number.isInteger(uid) ? uid : null),
    name,
    command: argv.length > 0 ? argv.join(' ') : name,
    argv,
  };
  // The gateway replaces its argv with its title; its environment still names the profile.
  const openclawEnv = name.startsWith('openclaw') || info.command.startsWith('openclaw-gateway') ? openclawEnvOf(pid) : undefined;
  return openclawEnv ? { ...info, openclawEnv } : info;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** pid-port for a few hidden owners (it loads execa, so only when needed); its three outcomes: pid, hidden, nothing listens. */
async function revealHiddenOwners(listeners: Listener[], ports: ReadonlySet<number>, timeoutMs: number): Promise<Listener[]> {
  const hidden = [...new Set(listeners.filter((listener) => listener.pid === null && ports.has(listener.port)).map((listener) => listener.port))];
  if (hidden.length === 0) return listeners;
  const { portToPid } = await import('pid-port');
  const found = new Map<number, number>();
  await Promise.all(
    hidden.map(async (port) => {
      try {
        const pid = await withTimeout(portToPid({ port, host: '*' }), timeoutMs, 'pid-port');
        if (typeof pid === 'number' && pid > 0) found.set(port, pid);
      } catch {
        // nothing listens any more, the owner stays hidden, or the look-up timed out
      }
    }),
  );
  return listeners.map((listener) => (listener.pid === null && found.has(listener.port) ? { ...listener, pid: found.get(listener.port)! } : listener));
}

export async function takeSnapshot(options: SnapshotOptions): Promise<HostSnapshot> {
  const takenAt = new Date().toISOString();
  const root = process.getuid?.() === 0;
  let listeners: Listener[] = [];
  let method: string | null = null;
  let error: string | null = null;
  try {
    const read = await readListeners(options.timeoutMs);
    listeners = await revealHiddenOwners(read.listeners, new Set(options.portsOfInterest ?? []), options.timeoutMs);
    method = read.method;
  } catch (caught) {
    error = (caught as Error).message;
  }
  const processes: Record<number, ProcessInfo> = {};
  const pids = new Set<number>([...listeners.map((listener) => listener.pid).filter((pid): pid is number => pid !== null), ...options.lockPids]);
  for (const pid of pids) {
    const info = processInfo(pid);
    if (info) processes[pid] = info;
  }
  // Parents of listeners, so a child of a gateway (its browser control server, its Chrome) is known as such.
  for (const info of Object.values(processes)) {
    if (info.ppid !== null && info.ppid > 1 && !processes[info.ppid]) {
      const parent = processInfo(info.ppid);
      if (parent) processes[info.ppid] = parent;
    }
  }
  const alivePids: Record<number, boolean> = {};
  for (const pid of options.lockPids) alivePids[pid] = isAlive(pid);
  return { method, ok: error === null, error, takenAt, listeners, processes, alivePids, root };
}
