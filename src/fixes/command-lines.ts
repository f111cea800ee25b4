// Fix commands as argument arrays: every value from the host is checked here, so renderers only quote.
import path from 'node:path';
import type { Profile, ServiceDefinition } from '../model.js';
import { DEFAULT_PROFILE, isValidProfileName } from '../profiles/names.js';
import { isWindowsPath } from '../profiles/services/windows-path.js';
import { assertEnvName, UnsafeCommandValue, type CommandHost, type CommandLine } from './command-line.js';

// Conservative sets for names that go into service commands: no shell metacharacters, no whitespace
// (but the spaces and parentheses of OpenClaw's own task names), no `/`, never a leading `-`.
const SYSTEMD_UNIT = /^[A-Za-z0-9][A-Za-z0-9:_.@-]{0,254}$/;
const LAUNCHD_LABEL = /^[A-Za-z0-9][A-Za-z0-9._-]{0,254}$/;
const TASK_NAME = /^[A-Za-z0-9][A-Za-z0-9 ._()-]{0,254}$/;
// OpenClaw browser profile names: lowercase letters, digits and hyphens, at most 64 (OpenClaw browser tool docs).
const BROWSER_PROFILE_NAME = /^[a-z0-9][a-z0-9-]{0,63}$/;
const CONFIG_KEY = /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/;

function assertServiceName(manager: ServiceDefinition['manager'], name: string): string {
  // A Startup launcher is named for the task it stands in for.
  const pattern = manager === 'systemd' ? SYSTEMD_UNIT : manager === 'launchd' ? LAUNCHD_LABEL : TASK_NAME;
  if (!pattern.test(name)) throw new UnsafeCommandValue(`${manager} service name`, name, 'it has characters outside the safe set for service names');
  return name;
}

/** The name `--profile` takes; anything OpenClaw would reject (`env:rescue`, `rescue@unit`) is refused, not printed. */
function assertProfileName(name: string): string {
  if (!isValidProfileName(name)) throw new UnsafeCommandValue('profile name', name, 'OpenClaw accepts /^[a-z0-9][a-z0-9_-]{0,63}$/i only');
  return name;
}

function assertBrowserProfileName(name: string): string {
  if (!BROWSER_PROFILE_NAME.test(name))
    throw new UnsafeCommandValue('browser profile name', name, 'OpenClaw browser profile names are lowercase letters, digits and hyphens');
  return name;
}

/** A dotted config key; `browser.profiles.<name>.<field>` also needs a valid browser profile name. */
function assertConfigKey(key: string): string {
  if (!CONFIG_KEY.test(key)) throw new UnsafeCommandValue('config key', key, 'keys are dotted letters, digits, "_" and "-"');
  const segments = key.split('.');
  if (segments[0] === 'browser' && segments[1] === 'profiles' && segments.length > 2) {
    if (segments.length !== 4) throw new UnsafeCommandValue('config key', key, 'a browser profile key is browser.profiles.<name>.<field>');
    assertBrowserProfileName(segments[2]!);
  }
  return key;
}

/** A path argument: never empty, never one a tool would read as an option. */
function assertPath(file: string): string {
  if (file === '' || file.startsWith('-')) throw new UnsafeCommandValue('path', file, 'empty or read as an option');
  return file;
}

function assertPort(port: number): number {
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new UnsafeCommandValue('port', String(port), 'not a TCP port');
  return port;
}

/** `openclaw`, `openclaw --dev` or `openclaw --profile <p>`, then `args`. */
export function openclawLine(profile: Pick<Profile, 'name'>, args: readonly string[]): CommandLine {
  if (profile.name === DEFAULT_PROFILE) return { argv: ['openclaw', ...args] };
  if (profile.name === 'dev') return { argv: ['openclaw', '--dev', ...args] };
  return { argv: ['openclaw', '--profile', assertProfileName(profile.name), ...args] };
}

/** `OPENCLAW_STATE_DIR=… OPENCLAW_CONFIG_PATH=… openclaw <args>`: the CLI aimed at files `--profile` would not reach. */
export function openclawEnvLine(stateDir: string, configPath: string, args: readonly string[]): CommandLine {
  return { argv: ['openclaw', ...args], env: { OPENCLAW_STATE_DIR: assertPath(stateDir), OPENCLAW_CONFIG_PATH: assertPath(configPath) } };
}

export function configSetArgs(key: string, value: string | number): string[] {
  return ['config', 'set', assertConfigKey(key), typeof value === 'number' ? String(value) : value];
}

export function configUnsetArgs(key: string): string[] {
  return ['config', 'unset', assertConfigKey(key)];
}

export function gatewayInstallArgs(port: number | null): string[] {
  return ['gateway', 'install', '--force', ...(port === null ? [] : ['--port', String(assertPort(port))])];
}

export type ServiceAction = 'start' | 'restart' | 'disable';

// launchd's per-user domain is `gui/<uid>`; the uid comes from the model, so the printed command has no `$(id -u)`.
function launchdTarget(label: string, host: CommandHost | undefined): string {
  const uid = host?.uid;
  if (uid === undefined || !Number.isInteger(uid) || uid < 0) throw new UnsafeCommandValue('uid', String(uid), 'the gui/<uid> domain needs the user id');
  return `gui/${uid}/${label}`;
}

export type ServiceRef = Pick<ServiceDefinition, 'manager' | 'name'> & Partial<Pick<ServiceDefinition, 'scope' | 'file' | 'envFiles' | 'profile'>>;

/**
 * Takes a Startup launcher out of the Startup folder (never deletes it): it goes next to the gateway script it
 * runs, as `<launcher>.disabled`, where Windows does not run it at logon. Windows has `move` in cmd.exe and
 * PowerShell alike; elsewhere (a Windows home mounted on this host) it is `mv`.
 */
function startupAsideLine(service: ServiceRef, host: CommandHost | undefined): CommandLine {
  const script = service.envFiles?.[0];
  if (!service.file || !script) throw new UnsafeCommandValue('Startup-folder entry', service.name, 'it runs no separate gateway script to keep it beside');
  // The paths are this host's; a Windows host's are Windows paths however clawdoc's tests run.
  const paths = isWindowsPath(script) ? path.win32 : path;
  const to = paths.join(paths.dirname(script), `${paths.basename(service.file)}.disabled`);
  return !host || host.platform === 'win32' ? { argv: ['move', assertPath(service.file), assertPath(to)] } : moveLine(service.file, to);
}

// A unit under /etc/systemd/system belongs to the system manager: `--user` would not find it.
function systemctl(scope: ServiceRef['scope']): string[] {
  return scope === 'system' ? ['sudo', 'systemctl'] : ['systemctl', '--user'];
}

/** `systemctl daemon-reload` for the manager that owns a systemd unit, after its file changed. */
export function daemonReloadLine(service: Pick<ServiceRef, 'scope'>): CommandLine {
  return { argv: [...systemctl(service.scope), 'daemon-reload'] };
}

/** Starts, restarts or disables a service through its own manager. */
export function serviceLine(action: ServiceAction, service: ServiceRef, host?: CommandHost): CommandLine {
  const name = assertServiceName(service.manager, service.name);
  switch (service.manager) {
    case 'systemd': {
      const scope = systemctl(service.scope);
      return { argv: action === 'disable' ? [...scope, 'disable', '--now', name] : [...scope, action, name] };
    }
    case 'launchd': {
      const target = launchdTarget(name, host);
      if (action === 'disable') return { argv: ['launchctl', 'bootout', target] };
      return { argv: action === 'restart' ? ['launchctl', 'kickstart', '-k', target] : ['launchctl', 'kickstart', target] };
    }
    case 'schtasks':
      if (action === 'disable') return { argv: ['schtasks', '/Change', '/TN', name, '/Disable'] };
      // The task is IgnoreNew: `/Run` on a running one does nothing. OpenClaw's own restart ends the task, stops the
      // listeners left on its port and runs it again (2026.9 restartRegisteredScheduledTask).
      if (action === 'restart' && service.profile) return openclawLine({ name: service.profile }, ['gateway', 'restart']);
      return { argv: ['schtasks', '/Run', '/TN', name] };
    case 'startup': {
      if (action === 'disable') return startupAsideLine(service, host);
      // No manager starts a launcher again: OpenClaw's own `gateway start|restart` stops its process and runs the script (2026.9 restartStartupEntry).
      if (!service.profile) throw new UnsafeCommandValue('Startup-folder entry', name, 'it names no profile to start');
      return openclawLine({ name: service.profile }, ['gateway', action]);
    }
  }
}

export function killLine(pid: number): CommandLine {
  if (!Number.isInteger(pid) || pid <= 1) throw new UnsafeCommandValue('pid', String(pid), 'not a single process id');
  return { argv: ['kill', String(pid)], posixOnly: true };
}

export function moveLine(from: string, to: string): CommandLine {
  return { argv: ['mv', assertPath(from), assertPath(to)], posixOnly: true };
}

export function removeLine(file: string): CommandLine {
  return { argv: ['rm', assertPath(file)], posixOnly: true };
}

export function makeDirLine(dir: string, options: { parents?: boolean; mode?: string } = {}): CommandLine {
  const flags = [...(options.parents ? ['-p'] : []), ...(options.mode ? ['-m', options.mode] : [])];
  return { argv: ['mkdir', ...flags, assertPath(dir)], posixOnly: true };
}

export function copyLine(from: string, to: string, flags: readonly ('-a' | '-n')[] = []): CommandLine {
  return { argv: ['cp', ...flags, assertPath(from), assertPath(to)], posixOnly: true };
}

/** `unset A B`: a builtin of the invoking shell. */
export function unsetLine(names: readonly string[]): CommandLine {
  return { argv: ['unset', ...names.map(assertEnvName)], posixOnly: true };
}

/** `echo 'NAME=<value>' >> '<file>'`: the placeholder line the operator fills in. */
export function appendPlaceholderLine(file: string, name: string): CommandLine {
  return { argv: ['echo', `${assertEnvName(name)}=<value>`], appendTo: assertPath(file), posixOnly: true };
}

export function listDirLine(dir: string): CommandLine {
  return { argv: ['ls', '-ld', assertPath(dir)], posixOnly: true };
}

/** Gives a dir (recursively) back to the user `uid`; numeric, so no `$(id -un)` in the printed command. */
export function chownLine(dir: string, uid: number): CommandLine {
  if (!Number.isInteger(uid) || uid < 0) throw new UnsafeCommandValue('uid', String(uid), 'not a user id');
  return { argv: ['sudo', 'chown', '-R', String(uid), assertPath(dir)], posixOnly: true };
}

/** The Debian package with `ss`, which the socket snapshot reads listeners with. */
export function installSocketToolsLine(platform: NodeJS.Platform): CommandLine {
  // Only Linux images ship without ss and netstat; macOS and Windows have netstat (and lsof) built in.
  if (platform !== 'linux') throw new UnsafeCommandValue('platform', platform, 'nothing to install: netstat is part of the system');
  return { argv: ['sudo', 'apt-get', 'install', '-y', 'iproute2'], posixOnly: true };
}

/** clawdoc itself again, with a longer probe deadline. */
export function rerunWithTimeoutLine(timeoutMs: number): CommandLine {
  if (!Number.isInteger(timeoutMs) || timeoutMs <= 0) throw new UnsafeCommandValue('timeout', String(timeoutMs), 'not a positive number of milliseconds');
  return { argv: ['clawdoc', 'doctor', '--all-profiles', '--timeout', String(timeoutMs)] };
}
