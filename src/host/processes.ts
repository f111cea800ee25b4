// Who a few pids are: /proc/<pid>/{cmdline,status,comm} on Linux, one round of `ps` elsewhere. Never the whole process table.
import fs from 'node:fs';
import { execFile } from 'node:child_process';
import type { ProcessInfo } from './types.js';

const OPENCLAW_IDENTITY_ENV = ['OPENCLAW_PROFILE', 'OPENCLAW_STATE_DIR', 'OPENCLAW_CONFIG_PATH'];

function readProcFile(pid: number, name: string): string | null {
  try {
    return fs.readFileSync(`/proc/${pid}/${name}`, 'utf8');
  } catch {
    return null;
  }
}

/** uid -> user name from /etc/passwd, read once per snapshot. */
function userNames(): Map<number, string> {
  const names = new Map<number, string>();
  try {
    for (const line of fs.readFileSync('/etc/passwd', 'utf8').split('\n')) {
      const [name, , uid] = line.split(':');
      if (name && uid && /^\d+$/.test(uid) && !names.has(Number(uid))) names.set(Number(uid), name);
    }
  } catch {
    // no /etc/passwd: users stay numeric
  }
  return names;
}

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

function procProcessInfo(pid: number, users: Map<number, string>): ProcessInfo | null {
  const status = readProcFile(pid, 'status');
  if (status === null) return null;
  const field = (name: string) => new RegExp(`^${name}:\\s*(.*)$`, 'm').exec(status)?.[1]?.trim() ?? null;
  // A gateway's cmdline is its title padded with NULs (measured, 2026.9.6): `openclaw-gateway\0\0...`.
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
    user: Number.isInteger(uid) ? (users.get(uid) ?? String(uid)) : null,
    name,
    command: argv.length > 0 ? argv.join(' ') : name,
    argv,
  };
  // The gateway replaces its argv with its title; a service's environment still names the profile.
  const openclawEnv = name.startsWith('openclaw') ? openclawEnvOf(pid) : undefined;
  return openclawEnv ? { ...info, openclawEnv } : info;
}

function run(file: string, args: string[], timeoutMs: number): Promise<string> {
  return new Promise((resolve) => {
    execFile(file, args, { timeout: timeoutMs, maxBuffer: 4 * 1024 * 1024, env: { ...process.env, LC_ALL: 'C' } }, (_error, stdout) => resolve(String(stdout ?? '')));
  });
}

/**
 * Rows of `ps -o pid=,ppid=,user=,comm=` and `ps -o pid=,args=`, joined by pid. Two calls, because comm (a full path
 * on macOS) and args both may hold spaces: each is only unambiguous as the last column.
 */
export function parsePs(identity: string, commands: string): ProcessInfo[] {
  const args = new Map<number, string>();
  for (const line of commands.split('\n')) {
    const match = /^\s*(\d+)\s(.*)$/.exec(line);
    if (match) args.set(Number(match[1]), match[2]!.trim());
  }
  const infos: ProcessInfo[] = [];
  for (const line of identity.split('\n')) {
    const match = /^\s*(\d+)\s+(\d+)\s+(\S+)\s+(.+)$/.exec(line);
    if (!match) continue;
    const pid = Number(match[1]);
    const name = match[4]!.trim().split('/').pop()!;
    infos.push({ pid, ppid: Number(match[2]), user: match[3]!, name, command: args.get(pid) ?? name, argv: [] });
  }
  return infos;
}

/** The `ps` path, used where there is no /proc (macOS, the BSDs). */
export async function psProcessInfo(pids: readonly number[], timeoutMs: number): Promise<ProcessInfo[]> {
  const list = pids.join(',');
  const [identity, commands] = await Promise.all([
    run('ps', ['-o', 'pid=,ppid=,user=,comm=', '-p', list], timeoutMs),
    run('ps', ['-o', 'pid=,args=', '-p', list], timeoutMs),
  ]);
  return parsePs(identity, commands);
}

const HAS_PROC = fs.existsSync('/proc/self/status');

/** Process info for exactly these pids, plus the parents of the ones found (a gateway's children point at it). */
export async function describeProcesses(pids: Iterable<number>, timeoutMs: number): Promise<Record<number, ProcessInfo>> {
  const processes: Record<number, ProcessInfo> = {};
  const wanted = [...new Set(pids)].filter((pid) => pid > 0);
  if (HAS_PROC) {
    const users = userNames();
    const add = (pid: number) => {
      const info = processes[pid] ?? procProcessInfo(pid, users);
      if (info) processes[pid] = info;
      return info;
    };
    for (const pid of wanted) {
      const info = add(pid);
      if (info?.ppid && info.ppid > 1) add(info.ppid);
    }
    return processes;
  }
  if (wanted.length === 0) return processes;
  const found = await psProcessInfo(wanted, timeoutMs);
  const parents = [...new Set(found.map((info) => info.ppid).filter((ppid): ppid is number => ppid !== null && ppid > 1 && !wanted.includes(ppid)))];
  for (const info of [...found, ...(parents.length > 0 ? await psProcessInfo(parents, timeoutMs) : [])]) processes[info.pid] = info;
  return processes;
}
