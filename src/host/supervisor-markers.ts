// The variables a service manager or `openclaw gateway install` put into a gateway's environment: who started it.
import { procOwner, readEnviron } from './environ.js';
import type { SupervisorMarkers } from './types.js';

/**
 * OpenClaw 2026.9.6 writes OPENCLAW_SERVICE_MARKER=openclaw, OPENCLAW_SERVICE_KIND=gateway, the unit, label and task
 * name and OPENCLAW_SERVICE_VERSION into every service it installs (buildServiceEnvironment, dist/service-env-*.mjs);
 * systemd adds INVOCATION_ID, JOURNAL_STREAM and SYSTEMD_EXEC_PID, launchd XPC_SERVICE_NAME (the label) and
 * LAUNCH_JOB_*; OPENCLAW_SUPERVISOR_MODE=external names any other supervisor. The same list OpenClaw reads to find its
 * own supervisor (SUPERVISOR_HINT_ENV_VARS, dist/supervisor-markers-*.mjs). Their values name services and streams,
 * never credentials.
 */
export const SUPERVISOR_MARKER_KEYS = [
  'OPENCLAW_SERVICE_MARKER',
  'OPENCLAW_SERVICE_KIND',
  'OPENCLAW_SERVICE_VERSION',
  'OPENCLAW_SYSTEMD_UNIT',
  'OPENCLAW_LAUNCHD_LABEL',
  'OPENCLAW_WINDOWS_TASK_NAME',
  'OPENCLAW_SUPERVISOR_MODE',
  'INVOCATION_ID',
  'JOURNAL_STREAM',
  'SYSTEMD_EXEC_PID',
  'XPC_SERVICE_NAME',
  'LAUNCH_JOB_LABEL',
  'LAUNCH_JOB_NAME',
] as const;

const KEYS: ReadonlySet<string> = new Set(SUPERVISOR_MARKER_KEYS);

/**
 * The supervisor markers of each pid, read from /proc/<pid>/environ: only for processes of the user clawdoc runs as
 * (`uid`), and only on a host with /proc. Elsewhere the environment stays unread (`ps` would have to print all of it).
 */
export function readSupervisorMarkers(pids: readonly number[], uid: number | null, hasProc: boolean): Record<number, SupervisorMarkers> {
  const markers: Record<number, SupervisorMarkers> = {};
  for (const pid of new Set(pids)) {
    if (!hasProc) {
      markers[pid] = { readable: false, reason: 'no /proc on this host: process environments are not read' };
      continue;
    }
    const owner = procOwner(pid);
    if (owner === null) {
      markers[pid] = { readable: false, reason: `pid ${pid} exited` };
    } else if (uid === null || owner !== uid) {
      markers[pid] = { readable: false, reason: `pid ${pid} belongs to another user (uid ${owner}): its environment is not read` };
    } else {
      const read = readEnviron(pid, KEYS);
      markers[pid] = read.ok ? { readable: true, env: read.env } : { readable: false, reason: read.reason };
    }
  }
  return markers;
}
