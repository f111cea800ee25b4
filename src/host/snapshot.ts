// Observe: one snapshot per run of the listening TCP sockets, their owners' processes and the liveness of lock pids.
import net from 'node:net';
import type { HostSnapshot, Listener } from './types.js';
import { readSocketTable } from './proc-net.js';
import { listenersFromRows, toPid, type SocketRow } from './socket-rows.js';
import { describeProcesses, HAS_PROC } from './processes.js';
import { readSupervisorMarkers } from './supervisor-markers.js';
import { inChildProcess, moduleUrl } from '../child-process.js';

export interface SnapshotOptions {
  lockPids: readonly number[];
  /** Planned ports: where the table came from systeminformation, a hidden owner there gets one pid-port look-up. */
  portsOfInterest?: readonly number[];
  /** Bound of the socket-table read and the look-ups (systeminformation and pid-port have no timeout of their own). */
  timeoutMs: number;
}

interface SocketRead {
  listeners: Listener[];
  method: string;
}

async function networkConnections(timeoutMs: number): Promise<Listener[]> {
  const script = `const { default: si } = await import(${JSON.stringify(moduleUrl('systeminformation'))});
process.stdout.write(JSON.stringify(await si.networkConnections()));`;
  return listenersFromRows(await inChildProcess<SocketRow[]>(script, timeoutMs, 'systeminformation.networkConnections'));
}

/**
 * The mandated systeminformation path. It resolves [] both for "no listeners" and for "netstat, ss or lsof failed",
 * so an empty answer is asked again with a listener of clawdoc's own on 127.0.0.1:0: if even that is missing, the
 * table could not be read.
 */
export async function readWithSystemInformation(timeoutMs: number): Promise<SocketRead> {
  const started = Date.now();
  const method = `systeminformation (${process.platform === 'linux' ? 'netstat or ss' : process.platform === 'win32' ? 'netstat' : 'netstat and ps'})`;
  const listeners = await networkConnections(timeoutMs);
  if (listeners.length > 0) return { listeners, method };
  const canary = net.createServer();
  await new Promise<void>((resolve, reject) => canary.once('error', reject).listen(0, '127.0.0.1', resolve));
  try {
    const port = (canary.address() as net.AddressInfo).port;
    const again = await networkConnections(timeoutMs - (Date.now() - started));
    if (!again.some((listener) => listener.port === port)) throw new Error(`${method} returned no sockets, not even a test listener on 127.0.0.1:${port}`);
    return { listeners: again.filter((listener) => listener.port !== port), method };
  } finally {
    canary.close();
  }
}

/**
 * pid-port for hidden owners of a few ports, in one child process (it loads execa, and runs ss, netstat or lsof without
 * a timeout). Its three outcomes: a pid; undefined (a listener whose owner stays hidden); a throw (nothing listens any
 * more). Asked one port at a time, since `portToPid([a, b])` rejects entirely when one port is free, and with
 * `host: '*'`, since its default only sees loopback. On a timeout every owner stays hidden.
 */
export async function revealHiddenOwners(listeners: readonly Listener[], ports: ReadonlySet<number>, timeoutMs: number): Promise<Listener[]> {
  const hidden = [...new Set(listeners.filter((listener) => listener.pid === null && ports.has(listener.port)).map((listener) => listener.port))];
  if (hidden.length === 0) return [...listeners];
  const script = `const { portToPid } = await import(${JSON.stringify(moduleUrl('pid-port'))});
const found = {};
await Promise.all(${JSON.stringify(hidden)}.map(async (port) => {
  try { const pid = await portToPid({ port, host: '*' }); if (typeof pid === 'number' && pid > 0) found[port] = pid; } catch {}
}));
process.stdout.write(JSON.stringify(found));`;
  let found: Record<string, unknown> = {};
  try {
    found = await inChildProcess<Record<string, unknown>>(script, timeoutMs, 'pid-port');
  } catch {
    // the look-up timed out or failed: the owners stay hidden
  }
  return listeners.map((listener) => {
    const pid = listener.pid === null ? toPid(found[listener.port]) : null;
    return pid !== null ? { ...listener, pid } : listener;
  });
}

/**
 * On Linux /proc/net/tcp{,6} is the primary source: what netstat and ss read, without a child process that has no
 * timeout. pid-port is not asked there: on Linux it runs `ss -tunlp`, which sees exactly the owners /proc showed.
 * Elsewhere systeminformation, then pid-port for hidden owners of the ports that matter.
 */
async function readListeners(options: SnapshotOptions): Promise<SocketRead> {
  const proc = readSocketTable();
  if (proc) return { listeners: proc, method: '/proc/net/tcp' };
  const started = Date.now();
  const read = await readWithSystemInformation(options.timeoutMs);
  const remaining = options.timeoutMs - (Date.now() - started);
  return { ...read, listeners: await revealHiddenOwners(read.listeners, new Set(options.portsOfInterest ?? []), remaining) };
}

function isAlive(pid: number): boolean {
  // 0 and negative pids address process groups, not a process: a corrupt lock must not make them "alive".
  if (!Number.isSafeInteger(pid) || pid <= 0 || pid > 0x7fffffff) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export async function takeSnapshot(options: SnapshotOptions): Promise<HostSnapshot> {
  const started = Date.now();
  const takenAt = new Date(started).toISOString();
  const root = process.getuid?.() === 0;
  let read: SocketRead | null = null;
  let error: string | null = null;
  try {
    read = await readListeners(options);
  } catch (caught) {
    error = (caught as Error).message;
  }
  const listeners = read?.listeners ?? [];
  const owners = listeners.map((listener) => listener.pid).filter((pid): pid is number => pid !== null);
  const remaining = Math.max(1, options.timeoutMs - (Date.now() - started));
  const processes = await describeProcesses([...owners, ...options.lockPids], remaining);
  const alivePids: Record<number, boolean> = {};
  for (const pid of options.lockPids) alivePids[pid] = isAlive(pid);
  // Only the live lock owners: who started a gateway is asked of gateways, not of every process on the host.
  const livePids = options.lockPids.filter((pid) => alivePids[pid]);
  const supervisorMarkers = readSupervisorMarkers(livePids, process.getuid?.() ?? null, HAS_PROC);
  return { method: read?.method ?? null, ok: read !== null, error, takenAt, listeners, processes, alivePids, root, supervisorMarkers };
}
