// Windows Task Scheduler gateways: the `<stateDir>/gateway.cmd` script the task runs.
import path from 'node:path';
import type { ServiceDefinition } from '../../model.js';
import { buildService } from './identity.js';
import { splitSystemdWords } from './systemd.js';

/** Reads `set KEY=value` lines and the command line that runs the gateway. */
export function parseGatewayCmd(file: string, text: string, stateDirProfile: string | null): ServiceDefinition | null {
  const env: Record<string, string> = {};
  let args: string[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || /^(@?echo\b|rem\b|::)/i.test(line)) continue;
    const assignment = /^set\s+"?([^=]+)=(.*?)"?$/i.exec(line);
    if (assignment) {
      env[assignment[1]!.trim()] = assignment[2]!;
      continue;
    }
    if (/\bgateway\b/.test(line)) args = splitSystemdWords(line.replace(/\\/g, '/'));
  }
  if (args.length === 0) return null;
  // 2026.9 writes the task's own name into the script (OPENCLAW_WINDOWS_TASK_NAME); older scripts are named for their state dir.
  const name =
    env.OPENCLAW_WINDOWS_TASK_NAME?.trim() || (stateDirProfile && stateDirProfile !== 'default' ? `OpenClaw Gateway (${stateDirProfile})` : 'OpenClaw Gateway');
  const match = /^OpenClaw Gateway(?: \((.+)\))?$/.exec(name);
  const nameProfile = match ? (match[1] ?? 'default') : stateDirProfile;
  return buildService({ manager: 'schtasks', name, file: path.resolve(file), env, args, legacy: false }, nameProfile);
}
