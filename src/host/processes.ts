// Who a few pids are: /proc/<pid>/{cmdline,status,comm} on Linux, one round of `ps` elsewhere. Never the whole process table.
import fs from 'node:fs';
import { execFile } from 'node:child_process';
import type { ProcessInfo } from './types.js';
import { readEnviron } from './environ.js';

const OPENCLAW_IDENTITY_ENV: ReadonlySet<string> = new Set(['OPENCLAW_PROFILE', 'OPENCLAW_STATE_DIR', 'OPENCLAW_CONFIG_PATH']);

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
  const read = readEnviron(pid, OPENCLAW_IDENTITY_ENV);
  return read.ok && Object.keys(read.env).length > 0 ? read.env : undefined;
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
    // execFile's timeout kills the child and calls back once it exited. The child's handle finishes closing in that
    // turn of the event loop: resolving on the next one leaves nothing of it behind.
    execFile(
      file,
      args,
      { timeout: Math.max(1, timeoutMs), killSignal: 'SIGKILL', maxBuffer: 4 * 1024 * 1024, env: { ...process.env, LC_ALL: 'C' } },
      (_error, stdout) =>
        // ps exits 1 when one of the pids is gone (BSD): the rows of the others are still good.
        setTimeout(() => resolve(String(stdout ?? '')), 0),
    );
  });
}

/** The executable's base name: `/Applications/Google Chrome.app/Contents/MacOS/Google Chrome` -> `Google Chrome`. */
function baseName(path: string): string {
  return path.split('/').pop() ?? path;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Where the comm column ends and args begins in `rest` (the row from the comm column on): both may hold spaces, so
 * the split is inferred from what each ps prints. macOS prints comm as the executable's full path, which args (argv)
 * usually starts with; Linux prints the kernel's name of at most 15 characters, a base name found in args; procps
 * pads comm to 15 columns and BSD ps to at least 16, and in a multi-row answer every row's args start at one column
 * (`shared`: offsets where a word starts in every row). The best-supported word start wins; the first on a tie.
 */
function splitCommand(rest: string, offset: number, shared: ReadonlySet<number> | null): { comm: string; args: string } {
  let best = { comm: rest.trim(), args: '', score: -1 };
  for (let index = 1; index < rest.length; index += 1) {
    if (rest[index - 1] !== ' ' || rest[index] === ' ') continue;
    const comm = rest.slice(0, index).trimEnd();
    const args = rest.slice(index);
    let score = 0;
    if (args.startsWith(comm)) score += 4;
    if (!comm.includes('/') && new RegExp(`(^|/)${escapeRegExp(comm)}`).test(args)) score += 2;
    if (shared?.has(offset + index)) score += 2;
    if (index === 16 || index === 17) score += 2;
    if (score > best.score) best = { comm, args, score };
  }
  return best;
}

const PS_ROW = /^(\s*\d+\s+\d+\s+\S+ +)(\S.*)$/;

/** Offsets at which a word starts in every one of `rows`, past `from` columns. */
function sharedWordStarts(rows: ReadonlyArray<{ line: string; from: number }>): Set<number> | null {
  if (rows.length < 2) return null;
  const startsOf = ({ line, from }: { line: string; from: number }) => {
    const starts = new Set<number>();
    for (let index = from + 1; index < line.length; index += 1) if (line[index - 1] === ' ' && line[index] !== ' ') starts.add(index);
    return starts;
  };
  return rows.map(startsOf).reduce((shared, starts) => new Set([...shared].filter((start) => starts.has(start))));
}

/**
 * Rows of `ps -ww -o pid=,ppid=,user=,comm=,args=` (procps on Linux, BSD ps on macOS). argv stays empty: the args
 * column joins argv with spaces, and arguments may hold spaces of their own.
 */
export function parsePs(output: string): ProcessInfo[] {
  const rows = output.split('\n').flatMap((line) => {
    const match = PS_ROW.exec(line);
    return match ? [{ line, from: match[1]!.length, rest: match[2]! }] : [];
  });
  const shared = sharedWordStarts(rows);
  return rows.map(({ line, from, rest }) => {
    const [pid, ppid, user] = line.trim().split(/\s+/, 3) as [string, string, string];
    const { comm, args } = splitCommand(rest, from, shared);
    const command = args.trimEnd() || comm;
    // Linux cuts comm at 15 characters (`openclaw-gatewa`); the title in args, when it starts with it, is whole.
    const title = baseName(command.split(' ')[0] ?? '');
    const name = baseName(comm);
    return { pid: Number(pid), ppid: Number(ppid), user, name: title.startsWith(name) && title.length > name.length ? title : name, command, argv: [] };
  });
}

/** The `ps` path, used where there is no /proc (macOS, the BSDs): one call, bounded by `timeoutMs`. */
export async function psProcessInfo(pids: readonly number[], timeoutMs: number): Promise<ProcessInfo[]> {
  // -ww: without a terminal BSD ps cuts every row at 79 columns.
  return parsePs(await run('ps', ['-ww', '-o', 'pid=,ppid=,user=,comm=,args=', '-p', pids.join(',')], timeoutMs));
}

/** Whether this host has /proc (Linux): the process reads above need it; elsewhere one `ps` call answers. */
export const HAS_PROC = fs.existsSync('/proc/self/status');

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
  const started = Date.now();
  const found = await psProcessInfo(wanted, timeoutMs);
  const parents = [...new Set(found.map((info) => info.ppid).filter((ppid): ppid is number => ppid !== null && ppid > 1 && !wanted.includes(ppid)))];
  const remaining = timeoutMs - (Date.now() - started);
  for (const info of [...found, ...(parents.length > 0 && remaining > 0 ? await psProcessInfo(parents, remaining) : [])]) processes[info.pid] = info;
  return processes;
}
