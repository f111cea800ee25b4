// Finds the service definitions of a home: systemd user units, launchd agents, Windows gateway scripts.
import fs from 'node:fs';
import path from 'node:path';
import type { ServiceDefinition } from '../../model.js';
import { describeBoundedFailure, READ_CAPS, readBounded } from '../../read-bounded.js';
import { profileFromStateDirName } from '../names.js';
import { parseSystemdUnit } from './systemd.js';
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
  for (const entry of entries) {
    if (!matches(entry)) continue;
    const file = path.join(dir, entry);
    try {
      const text = readServiceFile(file, found.notes);
      const service = text === null ? null : parse(file, text);
      // Any unit or agent is read, but only one that proves it runs OpenClaw counts as a service of it.
      if (service && (service.isGateway || OPENCLAW_NAME.test(entry))) found.services.push(service);
    } catch (error) {
      found.notes.push({ path: file, message: `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}` });
    }
  }
}

/** Reads every place a gateway service of this home can be defined, whatever the host platform. */
export function findServices(home: string): FoundServices {
  const found: FoundServices = { services: [], notes: [], searched: [] };
  scanDir(path.join(home, '.config', 'systemd', 'user'), (name) => name.endsWith('.service'), parseSystemdUnit, found);
  scanDir(path.join(home, 'Library', 'LaunchAgents'), (name) => name.endsWith('.plist'), parseLaunchdPlist, found);
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
