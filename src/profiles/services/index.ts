// Finds the service definitions of a home: systemd user units, launchd agents, Windows gateway scripts.
import fs from 'node:fs';
import path from 'node:path';
import type { ServiceDefinition } from '../../model.js';
import { profileFromStateDirName } from '../names.js';
import { parseSystemdUnit } from './systemd.js';
import { parseLaunchdPlist } from './launchd.js';
import { parseGatewayCmd } from './windows.js';

export interface FoundServices {
  services: ServiceDefinition[];
  notes: Array<{ path: string; message: string }>;
  searched: string[];
}

const MAX_SERVICE_FILE_BYTES = 256 * 1024;

function readSmallFile(file: string): string | null {
  const stat = fs.statSync(file);
  if (!stat.isFile() || stat.size > MAX_SERVICE_FILE_BYTES) return null;
  return fs.readFileSync(file, 'utf8');
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
      const text = readSmallFile(file);
      const service = text === null ? null : parse(file, text);
      // Any unit or agent is read, but only one that proves it runs OpenClaw counts as a service of it.
      if (service && (service.isGateway || /^(openclaw|clawdbot|ai\.openclaw)/.test(entry))) found.services.push(service);
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
    try {
      const text = readSmallFile(script);
      const service = text === null ? null : parseGatewayCmd(script, text, profile);
      if (service) found.services.push(service);
    } catch {
      // no gateway.cmd in this state dir
    }
  }
  return found;
}
