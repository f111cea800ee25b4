// Finds the service definitions of a home: systemd units, launchd agents, Windows tasks, Startup launchers and gateway scripts.
import fs from 'node:fs';
import path from 'node:path';
import type { ServiceDefinition } from '../../model.js';
import { describeBoundedFailure, READ_CAPS, readBounded } from '../../read-bounded.js';
import { profileFromStateDirName } from '../names.js';
import { parseSystemdUnit, type EnvFileReader } from './systemd.js';
import { parseLaunchdPlist } from './launchd.js';
import { parseGatewayCmd } from './windows.js';
import { parseTaskFile } from './windows-task.js';
import { isStartupLauncher, parseStartupEntry, startupDirOf } from './windows-startup.js';
import { decodeWindowsText } from './windows-text.js';

export interface FoundServices {
  services: ServiceDefinition[];
  notes: Array<{ path: string; message: string }>;
  searched: string[];
}

const OPENCLAW_NAME = /^(openclaw|clawdbot|ai\.openclaw)/;

/** A unit, plist or script as text; `null` (with a note when it matters) when it is missing, not a regular file, or too large. */
function readServiceFile(file: string, notes: FoundServices['notes']): string | null {
  return readServiceBytes(file, notes)?.toString('utf8') ?? null;
}

function readServiceBytes(file: string, notes: FoundServices['notes']): Buffer | null {
  const result = readBounded(file, READ_CAPS.service);
  if (result.ok) return result.data;
  // A missing gateway.cmd (or a state dir that is a file, reported by discovery) is no news here.
  if (result.reason === 'error' && (result.code === 'ENOENT' || result.code === 'ENOTDIR')) return null;
  if (result.reason === 'not-regular') {
    // `systemctl mask` links a unit to /dev/null: routine for other units, worth saying for an OpenClaw one.
    if (!OPENCLAW_NAME.test(path.basename(file)) && path.basename(file) !== 'gateway.cmd') return null;
    if (realPathOrNull(file) === '/dev/null') {
      notes.push({ path: file, message: `${file} is masked (a link to /dev/null); not read` });
      return null;
    }
  }
  notes.push({
    path: file,
    message: result.reason === 'error' ? `cannot read ${file}: ${result.code}` : `${file} ${describeBoundedFailure(result)}; not read`,
  });
  return null;
}

function realPathOrNull(file: string): string | null {
  try {
    return fs.realpathSync(file);
  } catch {
    return null;
  }
}

/**
 * Reads an environment file a service names. Its path is absolute in the home the service was installed
 * for; when it is not there, the part from the state dir on (`/.openclaw…/`) is looked up under `home`,
 * so a copied or mounted home (`--home`) reads its own files.
 */
function envFileReader(home: string, notes: FoundServices['notes']): EnvFileReader {
  return (named) => {
    const expanded = named.replace(/^%h(?=\/)/, home);
    const candidates = [expanded];
    const stateDirAt = expanded.search(/\/\.openclaw[^/]*\//);
    if (!expanded.startsWith(`${home}/`) && stateDirAt !== -1) candidates.push(path.join(home, expanded.slice(stateDirAt)));
    for (const file of candidates) {
      const result = readBounded(file, READ_CAPS.service);
      if (result.ok) return { file, text: result.data.toString('utf8') };
      if (!(result.reason === 'error' && (result.code === 'ENOENT' || result.code === 'ENOTDIR'))) {
        notes.push({
          path: file,
          message: result.reason === 'error' ? `cannot read ${file}: ${result.code}` : `${file} ${describeBoundedFailure(result)}; not read`,
        });
        return null;
      }
    }
    return null;
  };
}

/** Units linked from `<dir>/*.wants/` (what `systemctl enable` creates and `disable` removes). */
function wantsLinks(dir: string, entries: readonly string[]): { dirs: string[]; linked: Set<string> } {
  const dirs = entries.filter((entry) => entry.endsWith('.wants'));
  const linked = new Set<string>();
  for (const wantsDir of dirs) {
    try {
      for (const link of fs.readdirSync(path.join(dir, wantsDir))) linked.add(link);
    } catch {
      // an unreadable wants dir says nothing about the units
    }
  }
  return { dirs, linked };
}

function scanDir(dir: string, matches: (name: string) => boolean, parse: (file: string, text: string) => ServiceDefinition | null, found: FoundServices): void {
  found.searched.push(dir);
  let entries: string[];
  try {
    entries = fs.readdirSync(dir).sort();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' && code !== 'ENOTDIR') found.notes.push({ path: dir, message: `cannot list ${dir}: ${code ?? String(error)}` });
    return;
  }
  const wants = wantsLinks(dir, entries);
  for (const entry of entries) {
    if (!matches(entry)) continue;
    const file = path.join(dir, entry);
    try {
      const text = readServiceFile(file, found.notes);
      const service = text === null ? null : parse(file, text);
      if (service && service.manager === 'systemd' && wants.dirs.length > 0) service.enabled = wants.linked.has(entry);
      // Any unit or agent is read, but only one that proves it runs OpenClaw counts as a service of it.
      if (service && (service.isGateway || OPENCLAW_NAME.test(entry))) found.services.push(service);
    } catch (error) {
      found.notes.push({ path: file, message: `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}` });
    }
  }
}

export interface ServiceRoots {
  /** The OS user's home: where user units, LaunchAgents and the Startup folder live, even when OPENCLAW_HOME moves `<home>`. */
  serviceHome: string;
  /** Root of /etc/systemd/system and Windows/System32/Tasks; `/` on a real host. */
  systemRoot: string;
}

// Names and launch paths that make a task or launcher worth a note when it cannot be read or followed; other vendors' tasks stay silent.
const OPENCLAW_WINDOWS_NAME = /^(openclaw|clawdbot)\b/i;
const mentionsOpenClaw = (name: string, problem: string): boolean => OPENCLAW_WINDOWS_NAME.test(name) || /[\\/]\.openclaw/i.test(problem);

/** Lists a dir of Windows launchers; a dir that is missing says nothing, one that cannot be listed is noted unless `quietDenied`. */
function listWindowsDir(dir: string, found: FoundServices, quietDenied: boolean): string[] | null {
  found.searched.push(dir);
  try {
    return fs.readdirSync(dir).sort();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const denied = code === 'EACCES' || code === 'EPERM';
    if (code !== 'ENOENT' && code !== 'ENOTDIR' && !(denied && quietDenied))
      found.notes.push({ path: dir, message: `cannot list ${dir}: ${code ?? String(error)}` });
    return null;
  }
}

interface WindowsScan {
  /** The gateway scripts tasks and Startup launchers run. */
  scripts: Set<string>;
  /** False when the task store, or an OpenClaw task in it, could not be read: then a gateway.cmd stands for the task that runs it. */
  storeRead: boolean;
}

/**
 * Task Scheduler's store and the Startup folder. Each task or launcher that runs a gateway script is that
 * gateway's supervisor; the scripts they run are returned so they are not counted a second time.
 */
function scanWindows(home: string, roots: ServiceRoots, found: FoundServices): WindowsScan {
  const scripts = new Set<string>();
  let unreadTask = false;
  const keep = (entry: string, file: string, parsed: { service: ServiceDefinition | null; problem: string | null }) => {
    const { service, problem } = parsed;
    if (problem && mentionsOpenClaw(entry, problem)) found.notes.push({ path: file, message: `${service?.name ?? entry}: ${problem}` });
    if (!service || !(service.isGateway || OPENCLAW_WINDOWS_NAME.test(service.name))) return;
    found.services.push(service);
    for (const script of service.envFiles ?? []) scripts.add(scriptKey(script));
  };
  const tasksDir = path.join(roots.systemRoot, 'Windows', 'System32', 'Tasks');
  // Only administrators may list the task store: denied is the normal state of a user's run, and the gateway.cmd scripts still stand for their tasks.
  const tasks = listWindowsDir(tasksDir, found, true);
  for (const entry of tasks ?? []) {
    const file = path.join(tasksDir, entry);
    // Tasks in folders (`\Microsoft\Windows\...`) are subdirectories; OpenClaw registers its tasks at the root.
    const data = OPENCLAW_WINDOWS_NAME.test(entry) ? readServiceBytes(file, found.notes) : readQuietly(file);
    const parsed = data === null ? null : parseTaskFile(file, decodeWindowsText(data), home);
    if (parsed) keep(entry, file, parsed);
    if (OPENCLAW_WINDOWS_NAME.test(entry) && !parsed?.service) unreadTask = true;
  }
  const startupDir = startupDirOf(roots.serviceHome);
  for (const entry of (listWindowsDir(startupDir, found, false) ?? []).filter(isStartupLauncher)) {
    const file = path.join(startupDir, entry);
    const data = readServiceBytes(file, found.notes);
    if (data !== null) keep(entry, file, parseStartupEntry(file, decodeWindowsText(data), home));
  }
  return { scripts, storeRead: tasks !== null && !unreadTask };
}

/** Another vendor's task: read when it is a small regular file, skipped without a note otherwise. */
function readQuietly(file: string): Buffer | null {
  const result = readBounded(file, READ_CAPS.service);
  return result.ok ? result.data : null;
}

/** Paths compared as the host's file system does: case-insensitively on Windows. */
function scriptKey(file: string): string {
  const resolved = path.resolve(file);
  return process.platform === 'win32' ? resolved.toLowerCase() : resolved;
}

/** Reads every place a gateway service of this home can be defined, whatever the host platform. */
export function findServices(home: string, roots: ServiceRoots = { serviceHome: home, systemRoot: '/' }): FoundServices {
  const found: FoundServices = { services: [], notes: [], searched: [] };
  const readEnvFile = envFileReader(roots.serviceHome, found.notes);
  const isUnit = (name: string) => name.endsWith('.service');
  scanDir(path.join(roots.serviceHome, '.config', 'systemd', 'user'), isUnit, (file, text) => parseSystemdUnit(file, text, { readEnvFile }), found);
  // System-scope units: only OpenClaw-named ones or ones that prove a gateway are kept (scanDir's rule).
  scanDir(
    path.join(roots.systemRoot, 'etc', 'systemd', 'system'),
    isUnit,
    (file, text) => parseSystemdUnit(file, text, { readEnvFile, scope: 'system' }),
    found,
  );
  scanDir(
    path.join(roots.serviceHome, 'Library', 'LaunchAgents'),
    (name) => name.endsWith('.plist'),
    (file, text) => parseLaunchdPlist(file, text, readEnvFile),
    found,
  );
  const windows = scanWindows(home, roots, found);
  let entries: string[] = [];
  try {
    entries = fs.readdirSync(home);
  } catch {
    // an unreadable home is reported by discovery
  }
  for (const entry of entries.sort()) {
    const profile = profileFromStateDirName(entry);
    if (profile === null) continue;
    const script = path.join(home, entry, 'gateway.cmd');
    // A script a task or Startup launcher runs is part of that supervisor; one no task runs (the store was read) starts nothing.
    if (windows.storeRead || windows.scripts.has(scriptKey(script))) continue;
    const data = readServiceBytes(script, found.notes);
    const service = data === null ? null : parseGatewayCmd(script, decodeWindowsText(data), profile);
    if (service) found.services.push(service);
  }
  return found;
}
