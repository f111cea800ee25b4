// Startup-folder launchers: what OpenClaw 2026.9 writes to `%APPDATA%\Microsoft\Windows\Start Menu\Programs\Startup` when schtasks is refused.
import path from 'node:path';
import type { ServiceDefinition } from '../../model.js';
import { buildService } from './identity.js';
import { launchFrom } from './windows-launch.js';
import { scriptProfileOf, taskNameProfile } from './windows.js';

/** The Startup folder under a Windows user's home (OpenClaw uses `%APPDATA%`, which is `<home>\AppData\Roaming` by default). */
export function startupDirOf(serviceHome: string): string {
  return path.join(serviceHome, 'AppData', 'Roaming', 'Microsoft', 'Windows', 'Start Menu', 'Programs', 'Startup');
}

/** Launchers Windows runs at logon that OpenClaw writes (`.cmd`, the hidden `.vbs`) or a hand-made `.bat`. */
export const isStartupLauncher = (name: string): boolean => /\.(cmd|bat|vbs)$/i.test(name);

/**
 * A launcher as a service named for the task it stands in for (`OpenClaw Gateway (rescue).vbs` →
 * `OpenClaw Gateway (rescue)`), with the environment and arguments of the script it starts, or its own.
 */
export function parseStartupEntry(file: string, text: string, home: string): { service: ServiceDefinition; problem: string | null } {
  const name = path.basename(file).replace(/\.(cmd|bat|vbs)$/i, '');
  const base = { manager: 'startup' as const, name, file, legacy: false };
  const launch = launchFrom(file, text, home);
  if (!launch.ok) return { service: buildService({ ...base, env: {}, args: [] }, taskNameProfile(name)), problem: launch.problem };
  const envFiles = launch.script === path.resolve(file) ? {} : { envFiles: [launch.script] };
  const service = buildService({ ...base, env: launch.env, args: launch.args, ...envFiles }, taskNameProfile(name), scriptProfileOf(launch.script));
  return { service, problem: null };
}
