// Fix commands in OpenClaw's own terms: one helper per kind of fix, built as argv and rendered for the host's shell.
import path from 'node:path';
import type { Fix } from '../doctor/api.js';
import type { Profile, ServiceDefinition } from '../model.js';
import { DEFAULT_PROFILE, isDefaultProfileName } from '../profiles/names.js';
import type { LiveModel } from '../attribute/live.js';
import { quotePosix, renderCommand, UnsafeCommandValue, type CommandHost, type CommandLine } from './command-line.js';
import { assertNotOthersPath, guardConfigWrite, guardPath, type PathGuard } from './path-guard.js';
import {
  appendPlaceholderLine,
  chownLine,
  configSetArgs,
  configUnsetArgs,
  copyLine,
  gatewayInstallArgs,
  installSocketToolsLine,
  killLine,
  listDirLine,
  makeDirLine,
  moveLine,
  openclawEnvLine,
  openclawLine,
  removeLine,
  rerunWithTimeoutLine,
  serviceLine,
  unsetLine,
  type ServiceAction,
  type ServiceRef,
} from './command-lines.js';

export { UnsafeCommandValue, type CommandHost } from './command-line.js';
export { registerPathGuard, type PathGuard } from './path-guard.js';

type Manager = ServiceDefinition['manager'];

// Without a host the manager says where a service lives, and everything else is printed for a POSIX shell.
function platformOf(host: CommandHost | undefined, manager?: Manager): NodeJS.Platform {
  if (host) return host.platform;
  return manager === 'schtasks' || manager === 'startup' ? 'win32' : manager === 'launchd' ? 'darwin' : 'linux';
}

function render(line: CommandLine, host: CommandHost | undefined, manager?: Manager): string {
  return renderCommand(line, platformOf(host, manager));
}

/**
 * The commands a fix builder returns, or none when one of them cannot be printed safely (a helper throws
 * UnsafeCommandValue): the check then leaves the fix out and its fixHint is the manual step.
 */
export function safeCommands(build: () => readonly string[]): string[] {
  try {
    return [...build()];
  } catch (error) {
    if (error instanceof UnsafeCommandValue) return [];
    throw error;
  }
}

/** `{ fix }` to spread into a finding, or nothing when the commands are empty or refused (see safeCommands). */
export function fixOf(build: () => readonly string[]): { fix?: Fix } {
  const commands = safeCommands(build);
  return commands.length > 0 ? { fix: { commands } } : {};
}

/** `openclaw --profile rescue`, `openclaw --dev`, or plain `openclaw`, for prose: a name OpenClaw rejects shows as `<profile>` (see openclawHint). */
export function openclawFor(profile: Pick<Profile, 'name'>, host?: CommandHost): string {
  return openclawHint(profile, [], host);
}

/** `openclaw --profile rescue <args>`, quoted for the host's shell. */
export function openclawCommand(profile: Pick<Profile, 'name'>, args: readonly string[], host?: CommandHost): string {
  return render(openclawLine(profile, args), host);
}

/** For prose: openclawCommand, or a `<profile>` placeholder where the name cannot be printed. */
export function openclawHint(profile: Pick<Profile, 'name'>, args: readonly string[], host?: CommandHost): string {
  try {
    return openclawCommand(profile, args, host);
  } catch (error) {
    if (!(error instanceof UnsafeCommandValue)) throw error;
    return ['openclaw', '--profile', '<profile>', ...args.map(quotePosix)].join(' ');
  }
}

/** Shell-quotes a value for a POSIX shell only when it needs it. */
export function shellQuote(value: string): string {
  return quotePosix(value);
}

export function configSet(profile: Pick<Profile, 'name'>, key: string, value: string | number, host?: CommandHost): string {
  guardConfigWrite(profile.name, host);
  return render(openclawLine(profile, configSetArgs(key, value)), host);
}

function serviceCommand(action: ServiceAction, service: ServiceRef, host: CommandHost | undefined): string {
  return render(serviceLine(action, service, host), host, service.manager);
}

export function startService(service: ServiceDefinition, host?: CommandHost): string {
  return serviceCommand('start', service, host);
}

function gatewayServices(profile: Pick<Profile, 'services'>): ServiceDefinition[] {
  return profile.services.filter((service) => service.isGateway);
}

/** Restart the profile's gateway: through its service when it has one, else by hand. */
export function restartGateway(profile: Pick<Profile, 'name' | 'services'>, host?: CommandHost): string[] {
  const services = gatewayServices(profile);
  if (services.length > 0) return services.map((service) => serviceCommand('restart', service, host));
  return [openclawCommand(profile, ['gateway', 'restart'], host)];
}

/**
 * Moves a profile's gateway to `port`: the config key, the service's `--port` (rewritten by
 * `gateway install --force`), then a restart so the running gateway follows.
 */
export function moveGatewayPort(profile: Pick<Profile, 'name' | 'services'>, port: number, host?: CommandHost): string[] {
  const commands = [configSet(profile, 'gateway.port', port, host)];
  const hasPortInService = gatewayServices(profile).some((service) => service.portArg !== null || service.env.OPENCLAW_GATEWAY_PORT);
  if (hasPortInService) commands.push(openclawCommand(profile, gatewayInstallArgs(port), host));
  commands.push(...restartGateway(profile, host));
  return commands;
}

/** `openclaw-gateway-rescue.service`, `ai.openclaw.rescue`, `OpenClaw Gateway (rescue)`: the name `gateway install` gives (OPENCLAW.md section 5). */
function gatewayServiceName(manager: Manager, profileName: string): string {
  const isDefault = profileName.toLowerCase() === DEFAULT_PROFILE;
  switch (manager) {
    case 'systemd':
      return isDefault ? 'openclaw-gateway.service' : `openclaw-gateway-${profileName}.service`;
    case 'launchd':
      return isDefault ? 'ai.openclaw.gateway' : `ai.openclaw.${profileName}`;
    case 'schtasks':
    case 'startup':
      return isDefault ? 'OpenClaw Gateway' : `OpenClaw Gateway (${profileName})`;
  }
}

/**
 * Rewrites a profile's gateway service from its own identity (`--profile <p>`, so its own state dir): `--profile` sets OPENCLAW_PROFILE,
 * OPENCLAW_STATE_DIR and OPENCLAW_CONFIG_PATH before `gateway install --force` writes them. A service
 * of this profile under another name (hand-made, another profile's name) is disabled (stopped, its file
 * kept) after the new one exists, then the new one is restarted so it takes over the locks. A `--port`
 * the profile's gateway runs on is kept, so the running gateway does not move.
 */
/**
 * `gateway install --force`, the extra services disabled, then the canonical one restarted; `restart: false` when the
 * gateway runs by hand: a service started beside it would race it for the lock and port.
 */
export function reinstallGatewayService(
  profile: Pick<Profile, 'openclawName' | 'origin' | 'services' | 'gatewayPort'>,
  host?: CommandHost,
  options: { restart?: boolean } = {},
): string[] {
  // A second identity under a taken name: `--profile <name>` would write a service for the other profile's files.
  if (profile.origin.kind !== 'own')
    throw new UnsafeCommandValue('profile', profile.openclawName, 'another profile owns this name; reinstall its service by hand');
  const name = profile.openclawName;
  const services = gatewayServices(profile);
  const port = profile.gatewayPort.source === 'flag' ? profile.gatewayPort.port : null;
  const commands = [openclawCommand({ name }, gatewayInstallArgs(port), host)];
  const manager = services[0]?.manager;
  if (!manager) return commands;
  const canonical = gatewayServiceName(manager, name);
  commands.push(...services.filter((service) => service.name !== canonical).map((service) => serviceCommand('disable', service, host)));
  if (options.restart !== false) commands.push(serviceCommand('restart', { manager, name: canonical, profile: name }, host));
  return commands;
}

type Located = Pick<Profile, 'name' | 'stateDir' | 'configPath'>;

/**
 * The CLI that reads and writes this profile's own files: `openclaw --profile p` when its state dir and
 * config are where `--profile p` puts them, else OPENCLAW_STATE_DIR / OPENCLAW_CONFIG_PATH spelled out
 * (a service, the shell or a symlink put them elsewhere, and `--profile` would edit another file).
 */
function openclawAtLine(profile: Located, args: readonly string[]): CommandLine {
  const ownDir = isDefaultProfileName(profile.name) ? '.openclaw' : `.openclaw-${profile.name}`;
  const atDefault =
    path.basename(profile.stateDir) === ownDir &&
    path.dirname(profile.configPath) === profile.stateDir &&
    ['openclaw.json', 'clawdbot.json'].includes(path.basename(profile.configPath));
  return atDefault ? openclawLine(profile, args) : openclawEnvLine(profile.stateDir, profile.configPath, args);
}

/** For prose: openclawAtCommand, or a `<profile>` placeholder where a name or path cannot be printed. */
export function openclawAtHint(profile: Located, args: readonly string[], host?: CommandHost): string {
  try {
    return openclawAtCommand(profile, args, host);
  } catch (error) {
    if (!(error instanceof UnsafeCommandValue)) throw error;
    return openclawHint({ name: '<profile>' }, args);
  }
}

/** The command prefix of openclawAtCommand, for prose. */
export function openclawAt(profile: Located, host?: CommandHost): string {
  return render(openclawAtLine(profile, []), host);
}

/** `<openclawAt> <args>`: an OpenClaw command on the profile's own files. */
export function openclawAtCommand(profile: Located, args: readonly string[], host?: CommandHost): string {
  return render(openclawAtLine(profile, args), host);
}

/** `config set` on the profile's own config file (see openclawAt). */
export function configSetAt(profile: Located, key: string, value: string | number, host?: CommandHost): string {
  guardConfigWrite(profile.name, host);
  return openclawAtCommand(profile, configSetArgs(key, value), host);
}

/** `config unset` on the profile's own config file (see openclawAt). */
export function configUnsetAt(profile: Located, key: string, host?: CommandHost): string {
  guardConfigWrite(profile.name, host);
  return openclawAtCommand(profile, configUnsetArgs(key), host);
}

/** Restarts the profile's gateway only when it runs: a config change of a stopped gateway applies at its next start. */
export function restartIfRunning(profile: Located & Pick<Profile, 'services'>, live: LiveModel, host?: CommandHost): string[] {
  const state = live.profiles[profile.name]?.gateway.state;
  if (state !== 'running' && state !== 'unhealthy') return [];
  const services = gatewayServices(profile);
  return services.length > 0 ? services.map((service) => serviceCommand('restart', service, host)) : [openclawAtCommand(profile, ['gateway', 'restart'], host)];
}

/** `unset A B`: for variables exported by the invoking shell (its rc file may export them again). */
export function unsetEnv(...names: string[]): string {
  return render(unsetLine(names), undefined);
}

/** Copies a workspace's files into a new one, merging into it if it exists; the old dir stays for the operator to remove. */
function copyWorkspace(from: string, to: string): CommandLine[] {
  return [makeDirLine(to, { parents: true }), copyLine(`${from}/.`, `${to}/`, ['-a'])];
}

/** Gives a profile's workspace key a new dir: its files copied over (when `copyFrom` is set), the key pinned, the gateway restarted if it runs. */
export function moveWorkspace(
  profile: Located & Pick<Profile, 'services'>,
  key: string,
  to: string,
  copyFrom: string | null,
  live: LiveModel,
  host?: CommandHost,
): string[] {
  guardPath(to, host);
  const dirs = copyFrom ? copyWorkspace(copyFrom, to) : [makeDirLine(to, { parents: true })];
  return [...dirs.map((line) => render(line, host)), configSetAt(profile, key, to, host), ...restartIfRunning(profile, live, host)];
}

/** Pins a browser profile to its own CDP port, dropping a pinned URL first when one is set; refuses a browser profile name OpenClaw would not accept. */
export function moveBrowserCdpPort(profile: Located, browserProfile: string, port: number, unsetKeys: readonly string[], host?: CommandHost): string[] {
  // No restart: 2026.9.6 hot-reloads browser.cdpUrl, browser.profiles.*.cdpUrl and *.cdpPort (measured: same pid).
  return [...unsetKeys.map((key) => configUnsetAt(profile, key, host)), configSetAt(profile, `browser.profiles.${browserProfile}.cdpPort`, port, host)];
}

/**
 * The first port of the profile's own CDP band no plan on the host uses and nothing listens on:
 * first clear of every other profile's ranges too, else clear of single planned ports only.
 * `except` is a port the moving browser holds now (it is about to leave it).
 */
export function freeCdpBandPort(
  profile: Pick<Profile, 'name' | 'plan'>,
  profiles: readonly Pick<Profile, 'name' | 'plan'>[],
  listening: ReadonlySet<number>,
  except: number | null = null,
): number | null {
  const band = profile.plan.find((entry) => entry.role === 'cdp-band');
  if (!band) return null;
  const singles = profiles.flatMap((other) => other.plan.filter((entry) => entry.from === entry.to && entry.from !== except));
  const ranges = profiles.filter((other) => other.name !== profile.name).flatMap((other) => other.plan.filter((entry) => entry.from !== entry.to));
  const isFree = (port: number, strict: boolean) =>
    !listening.has(port) && !singles.some((entry) => entry.from === port) && !(strict && ranges.some((entry) => entry.from <= port && port <= entry.to));
  for (const strict of [true, false]) {
    for (let port = band.from; port <= band.to; port += 1) if (isFree(port, strict)) return port;
  }
  return null;
}

/** Stops a process by pid: only ever for a process that belongs to no profile. */
export function killProcess(pid: number, host?: CommandHost): string {
  return render(killLine(pid), host);
}

/** Renames a file or dir (an invalid profile dir to a valid name); with a guard, never another profile's files. */
export function renamePath(from: string, to: string, host?: CommandHost, guard?: PathGuard): string {
  if (guard) [from, to].forEach((file) => assertNotOthersPath(file, guard));
  guardPath(from, host, true);
  guardPath(to, host);
  return render(moveLine(from, to), host);
}

/** Moves a dir aside as `<dir>.stray-<yyyymmdd>` (never deletes): the operator removes it once nothing missed it. */
export function moveAside(dir: string, takenAt: string, guard: PathGuard, host?: CommandHost): string {
  const stamp = takenAt.slice(0, 10).replace(/-/g, '');
  if (!/^\d{8}$/.test(stamp)) throw new UnsafeCommandValue('date', takenAt, 'not an ISO date');
  return renamePath(dir, `${dir}.stray-${stamp}`, host, guard);
}

/** Deletes one file (a stale lock); with a guard, never another profile's. */
export function removeFile(file: string, host?: CommandHost, guard?: PathGuard): string {
  if (guard) assertNotOthersPath(file, guard, true);
  guardPath(file, host, true);
  return render(removeLine(file), host);
}

/**
 * `<link>.link-<yyyymmddThhmmss>`: where a replaced symlink is moved aside (never deleted). The time keeps a second
 * replacement from meeting the first: `mv` onto an existing link to a dir would move into that dir.
 */
function linkAside(link: string, takenAt: string): string {
  const stamp = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})/.exec(takenAt);
  if (!stamp) throw new UnsafeCommandValue('date', takenAt, 'not an ISO time');
  return `${link}.link-${stamp.slice(1, 4).join('')}T${stamp.slice(4, 7).join('')}`;
}

/** Replaces a symlinked dir by an empty dir of its own; the link is moved aside (`mv` renames the link, not its target). */
export function replaceSymlinkWithDir(link: string, takenAt: string, host?: CommandHost): string[] {
  const aside = linkAside(link, takenAt);
  guardPath(link, host, true);
  guardPath(aside, host);
  return [moveLine(link, aside), makeDirLine(link, { mode: '700' })].map((line) => render(line, host));
}

/** Copies a config file to a new place without overwriting one that is already there; with a guard, never into another profile's files. */
export function copyConfig(from: string, to: string, host?: CommandHost, guard?: PathGuard): string {
  if (guard) assertNotOthersPath(to, guard);
  guardPath(to, host);
  return render(copyLine(from, to, ['-n']), host);
}

/** Stops and disables one service (its file is kept, a Startup launcher moved aside): for an extra supervisor, never the one running the healthy gateway. */
export function disableService(service: ServiceRef, host?: CommandHost): string {
  return serviceCommand('disable', service, host);
}

/**
 * Makes config and service agree on the port the gateway runs on now: `gateway.port` pinned to it, and
 * the service rewritten (`gateway install --force --port N`) when its own port differs. Nothing restarts.
 */
export function alignServicePort(profile: Pick<Profile, 'name'>, port: number, serviceNeedsRewrite: boolean, host?: CommandHost): string[] {
  return [configSet(profile, 'gateway.port', port, host), ...(serviceNeedsRewrite ? [openclawCommand(profile, gatewayInstallArgs(port), host)] : [])];
}

/** The OpenClaw service name `gateway install` writes for a profile under a manager (OPENCLAW.md section 5). */
export function canonicalServiceName(manager: Manager, profileName: string): string {
  return gatewayServiceName(manager, profileName);
}

/**
 * Adds a variable to `<stateDir>/.env`, which the gateway of that profile and its CLI read without
 * overriding the process environment (OpenClaw "Environment variables" docs). The value stays a placeholder.
 */
export function addToEnvFile(stateDir: string, name: string, host?: CommandHost): string {
  return render(appendPlaceholderLine(`${stateDir}/.env`, name), host);
}

/** `ls -ld <dir>`: who owns a dir. */
export function listDir(dir: string, host?: CommandHost): string {
  return render(listDirLine(dir), host);
}

/** Gives a dir created by `sudo openclaw` back to the user `uid`. */
export function chownToUser(dir: string, uid: number, host?: CommandHost): string {
  return render(chownLine(dir, uid), host);
}

/** Installs the tool the socket snapshot needs. */
export function installSocketTools(host: CommandHost): string {
  return render(installSocketToolsLine(host.platform), host);
}

/** Runs clawdoc again with a longer probe deadline. */
export function rerunWithTimeout(timeoutMs: number, host?: CommandHost): string {
  return render(rerunWithTimeoutLine(timeoutMs), host);
}

/** Replaces a symlinked file by a copy of what it points at, so the two stop sharing it; the link is moved aside. */
export function replaceSymlinkWithCopy(link: string, target: string, takenAt: string, host?: CommandHost): string[] {
  const aside = linkAside(link, takenAt);
  guardPath(link, host, true);
  guardPath(aside, host);
  return [moveLine(link, aside), copyLine(target, link)].map((line) => render(line, host));
}

/** A command both ways: the argv for execFile and the text for the report. */
export interface RenderedCommand {
  line: CommandLine;
  text: string;
}

/** Every command of a fix as argv and text, for a future `fix --apply` that runs them with execFile. */
export function renderedCommands(lines: readonly CommandLine[], host?: CommandHost): RenderedCommand[] {
  return lines.map((line) => ({ line, text: render(line, host) }));
}
