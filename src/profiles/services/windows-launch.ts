// Follows what a task or Startup-folder entry launches (a hidden `.vbs`, a `.cmd` launcher) to the gateway script that sets env and args.
import path from 'node:path';
import { describeBoundedFailure, READ_CAPS, readBounded } from '../../read-bounded.js';
import { decodeWindowsText } from './windows-text.js';
import { cmdLaunchTarget, readGatewayScript, type GatewayScript } from './windows.js';
import { locateLaunchPath } from './windows-path.js';

export type Launch = ({ ok: true; script: string } & GatewayScript) | { ok: false; problem: string };

// Task → gateway.vbs → gateway.cmd is the longest chain OpenClaw writes; one more hop for a hand-made wrapper.
const MAX_HOPS = 3;

/** The script a hidden `.vbs` launcher runs: the first string of `shell.Run("""<script>""", 0, True)` (2026.9 buildHiddenLauncherScript). */
export function vbsLaunchTarget(text: string): string | null {
  const match = /\.Run\s*\(\s*"((?:[^"]|"")*)"/i.exec(text);
  if (!match) return null;
  const command = match[1]!.replace(/""/g, '"').trim();
  const quoted = /^"([^"]+)"/.exec(command);
  const target = quoted ? quoted[1]! : command.split(/\s+/)[0]!;
  return target === '' ? null : target;
}

/** Reads a launcher file as text; a problem in words when it is missing, not a regular file, or too large. */
function readLauncher(file: string): { ok: true; text: string } | { ok: false; problem: string } {
  const result = readBounded(file, READ_CAPS.service);
  if (result.ok) return { ok: true, text: decodeWindowsText(result.data) };
  if (result.reason === 'error')
    return { ok: false, problem: result.code === 'ENOENT' || result.code === 'ENOTDIR' ? `${file} is missing` : `cannot read ${file}: ${result.code}` };
  return { ok: false, problem: `${file} ${describeBoundedFailure(result)}; not read` };
}

/** The file a launcher's text hands over to, by its kind: `.vbs` runs a script, a `.cmd` may `start` one. */
function nextHop(file: string, text: string): string | null {
  return /\.vbs$/i.test(file) ? vbsLaunchTarget(text) : cmdLaunchTarget(text);
}

/** What a launcher file, already read, ends up running: the script it hands over to, or itself when it is the gateway script. */
export function launchFrom(file: string, text: string, home: string, hopsLeft = MAX_HOPS): Launch {
  const next = nextHop(file, text);
  if (next !== null) return followLaunch(next, home, hopsLeft - 1);
  if (/\.vbs$/i.test(file)) return { ok: false, problem: `${file} runs no script clawdoc can read` };
  return { ok: true, script: path.resolve(file), ...readGatewayScript(text) };
}

/** From a launch path (as a task or launcher names it) to the gateway script at the end of the chain, under `home`. */
export function followLaunch(named: string, home: string, hopsLeft = MAX_HOPS): Launch {
  if (hopsLeft < 0) return { ok: false, problem: `it runs ${named} through more than ${MAX_HOPS} launchers` };
  const located = locateLaunchPath(named, home);
  if ('elsewhere' in located) return { ok: false, problem: `it runs ${located.elsewhere}, outside this home (another account's gateway)` };
  if ('unmapped' in located) return { ok: false, problem: `it runs ${located.unmapped}, which is in no state dir of this home` };
  const read = readLauncher(located.file);
  if (!read.ok) return { ok: false, problem: `it runs ${named}, but ${read.problem}` };
  return launchFrom(located.file, read.text, home, hopsLeft);
}
