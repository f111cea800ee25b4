// The one snapshot of the host taken per run: listening sockets, their owners, processes.

export type AddressFamily = 'ipv4' | 'ipv6';

/** A listening TCP socket. One pid on 127.0.0.1 and ::1 is two Listener rows but one owner. */
export interface Listener {
  /** Normalised: no brackets, no `%iface`; wildcards are `0.0.0.0` and `::`. */
  address: string;
  family: AddressFamily;
  port: number;
  /** null when the owner is hidden (another user's socket without root, another PID namespace). */
  pid: number | null;
}

export interface ProcessInfo {
  pid: number;
  ppid: number | null;
  user: string | null;
  /** Process name / title, e.g. `openclaw-gateway`, `chromium`. */
  name: string;
  /** Full command line (argv joined); for a gateway this is its title, argv is hidden. */
  command: string;
  /** argv as read from /proc/<pid>/cmdline; empty where only `ps` was available (its args column cannot be split safely). */
  argv: string[];
  /** OPENCLAW_PROFILE / OPENCLAW_STATE_DIR / OPENCLAW_CONFIG_PATH from /proc/<pid>/environ, when readable: proves a gateway's profile. */
  openclawEnv?: Record<string, string>;
}

/** A gateway's supervisor variables (names and values of those keys only, see SUPERVISOR_MARKER_KEYS), or why they were not read. */
export type SupervisorMarkers = { readable: true; env: Record<string, string> } | { readable: false; reason: string };

export interface HostSnapshot {
  /** How the socket table was read: `/proc/net/tcp` on Linux, else `systeminformation (...)`; null when it failed. */
  method: string | null;
  /** False when the socket table could not be read: "no listeners" then means "could not look". */
  ok: boolean;
  error: string | null;
  takenAt: string;
  listeners: Listener[];
  /** Only the processes that own a listener, a lock, or a relevant Chrome: keyed by pid. */
  processes: Record<number, ProcessInfo>;
  /** Whether each lock pid is alive, keyed by pid. */
  alivePids: Record<number, boolean>;
  /** True when running as root (hidden pids then mean another PID namespace). */
  root: boolean;
  /** Supervisor markers of the live lock pids, keyed by pid; a pid left out was not read (unknown). */
  supervisorMarkers?: Record<number, SupervisorMarkers>;
}
