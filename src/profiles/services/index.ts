// Finds the service definitions of a home: systemd user units, launchd agents, Windows gateway scripts.
import fs from 'node:fs';
import path from 'node:path';
import type { ServiceDefinition } from '../../model.js';
import { describeBoundedFailure, READ_CAPS, readBounded } from '../../read-bounded.js';
import { profileFromStateDirName } from '../names.js';
import { parseSystemdUnit, type EnvFileReader } from './systemd.js';
import { parseLaunchdPlist } from './launchd.js';
import { parseGatewayCmd } from './windows.js';

export interface FoundServices {
  services: ServiceDefinition[];
  notes: Array<{ path: string; message: string }>;
  searched: string[];
}

const OPENCLAW_NAME = /^(openclaw|clawdbot|ai\.openclaw)/;

/** A unit, plist or script as text; `null` (with a note when it matters) when it is missing, not a regular file, or too large. */
function readServiceFile(file: string, notes: FoundServices['notes']): string | null {
  const result = readBounded(file, READ_CAPS.service);
  if (result.ok) return result.data.toString('utf8');
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
  /** The OS user's home: where user units and LaunchAgents live, even when OPENCLAW_HOME moves `<home>`. */
  serviceHome: string;
  /** Root of /etc/systemd/system; `/` on a real host. */
  systemRoot: string;
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
    const text = readServiceFile(script, found.notes);
    const service = text === null ? null : parseGatewayCmd(script, text, profile);
    if (service) found.services.push(service);
  }
  return found;
}
