// Fix commands in OpenClaw's own terms: one helper per kind of fix, so checks never build command strings.
import path from 'node:path';
import type { Profile, ServiceDefinition } from '../model.js';
import { DEFAULT_PROFILE, isDefaultProfileName } from '../profiles/names.js';
import type { LiveModel } from '../attribute/live.js';

/** `openclaw --profile rescue`, `openclaw --dev`, or plain `openclaw` for the default profile. */
export function openclawFor(profile: Pick<Profile, 'name'>): string {
  if (profile.name === DEFAULT_PROFILE) return 'openclaw';
  if (profile.name === 'dev') return 'openclaw --dev';
  return `openclaw --profile ${profile.name}`;
}

/** Shell-quotes a value only when it needs it. */
export function shellQuote(value: string): string {
  return /^[\w@%+=:,./~-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

export function configSet(profile: Pick<Profile, 'name'>, key: string, value: string | number): string {
  return `${openclawFor(profile)} config set ${key} ${typeof value === 'number' ? value : shellQuote(value)}`;
}

export function startService(service: ServiceDefinition): string {
  switch (service.manager) {
    case 'systemd':
      return `systemctl --user start ${service.name}`;
    case 'launchd':
      return `launchctl kickstart gui/$(id -u)/${service.name}`;
    case 'schtasks':
      return `schtasks /Run /TN "${service.name}"`;
  }
}

function restartService(service: ServiceDefinition): string {
  switch (service.manager) {
    case 'systemd':
      return `systemctl --user restart ${service.name}`;
    case 'launchd':
      return `launchctl kickstart -k gui/$(id -u)/${service.name}`;
    case 'schtasks':
      return `schtasks /Run /TN "${service.name}"`;
  }
}

/** Restart the profile's gateway: through its service when it has one, else by hand. */
export function restartGateway(profile: Pick<Profile, 'name' | 'services'>): string[] {
  const services = profile.services.filter((service) => service.isGateway);
  if (services.length > 0) return services.map(restartService);
  return [`${openclawFor(profile)} gateway restart`];
}

/**
 * Moves a profile's gateway to `port`: the config key, the service's `--port` (rewritten by
 * `gateway install --force`), then a restart so the running gateway follows.
 */
export function moveGatewayPort(profile: Pick<Profile, 'name' | 'services'>, port: number): string[] {
  const commands = [configSet(profile, 'gateway.port', port)];
  const hasPortInService = profile.services.some((service) => service.isGateway && (service.portArg !== null || service.env.OPENCLAW_GATEWAY_PORT));
  if (hasPortInService) commands.push(`${openclawFor(profile)} gateway install --force --port ${port}`);
  commands.push(...restartGateway(profile));
  return commands;
}

/** `openclaw-gateway-rescue.service`, `ai.openclaw.rescue`, `OpenClaw Gateway (rescue)`: the name `gateway install` gives (OPENCLAW.md section 5). */
function gatewayServiceName(manager: ServiceDefinition['manager'], profileName: string): string {
  const isDefault = profileName.toLowerCase() === DEFAULT_PROFILE;
  switch (manager) {
    case 'systemd':
      return isDefault ? 'openclaw-gateway.service' : `openclaw-gateway-${profileName}.service`;
    case 'launchd':
      return isDefault ? 'ai.openclaw.gateway' : `ai.openclaw.${profileName}`;
    case 'schtasks':
      return isDefault ? 'OpenClaw Gateway' : `OpenClaw Gateway (${profileName})`;
  }
}

/** Stops a service and keeps it from starting again; its file stays, for the operator to delete. */
function disableService(service: Pick<ServiceDefinition, 'manager' | 'name'>): string {
  switch (service.manager) {
    case 'systemd':
      return `systemctl --user disable --now ${service.name}`;
    case 'launchd':
      return `launchctl bootout gui/$(id -u)/${service.name}`;
    case 'schtasks':
      return `schtasks /Change /TN "${service.name}" /Disable`;
  }
}

/**
 * Rewrites a profile's gateway service from its own identity (`--profile <p>`, so its own state dir): `--profile` sets OPENCLAW_PROFILE,
 * OPENCLAW_STATE_DIR and OPENCLAW_CONFIG_PATH before `gateway install --force` writes them. A service
 * of this profile under another name (hand-made, another profile's name) is disabled after the new
 * one exists, then the new one is restarted so it takes over the locks. A `--port` the profile's
 * gateway runs on is kept, so the running gateway does not move.
 */
export function reinstallGatewayService(profile: Pick<Profile, 'name' | 'services' | 'gatewayPort'>): string[] {
  const name = profileFlagName(profile);
  const services = profile.services.filter((service) => service.isGateway);
  const port = profile.gatewayPort.source === 'flag' ? ` --port ${profile.gatewayPort.port}` : '';
  const commands = [`${openclawFor({ name })} gateway install --force${port}`];
  const manager = services[0]?.manager;
  if (!manager) return commands;
  const canonical = gatewayServiceName(manager, name);
  commands.push(...services.filter((service) => service.name !== canonical).map(disableService));
  commands.push(restartService({ ...services[0]!, name: canonical }));
  return commands;
}

/** The name `--profile` takes: discovery names a second identity with a taken name `env:<p>` (this shell's) or `<p>@<service>`. */
export function profileFlagName(profile: Pick<Profile, 'name'>): string {
  return profile.name.replace(/^env:/, '').replace(/@.*$/, '');
}

type Located = Pick<Profile, 'name' | 'stateDir' | 'configPath'>;

/**
 * The CLI that reads and writes this profile's own files: `openclaw --profile p` when its state dir and
 * config are where `--profile p` puts them, else OPENCLAW_STATE_DIR / OPENCLAW_CONFIG_PATH spelled out
 * (a service, the shell or a symlink put them elsewhere, and `--profile` would edit another file).
 */
export function openclawAt(profile: Located): string {
  const ownDir = isDefaultProfileName(profile.name) ? '.openclaw' : `.openclaw-${profile.name}`;
  const atDefault =
    path.basename(profile.stateDir) === ownDir &&
    path.dirname(profile.configPath) === profile.stateDir &&
    ['openclaw.json', 'clawdbot.json'].includes(path.basename(profile.configPath));
  if (atDefault) return openclawFor(profile);
  return `OPENCLAW_STATE_DIR=${shellQuote(profile.stateDir)} OPENCLAW_CONFIG_PATH=${shellQuote(profile.configPath)} openclaw`;
}

/** `config set` on the profile's own config file (see openclawAt). */
export function configSetAt(profile: Located, key: string, value: string | number): string {
  return `${openclawAt(profile)} config set ${key} ${typeof value === 'number' ? value : shellQuote(value)}`;
}

/** `config unset` on the profile's own config file (see openclawAt). */
export function configUnsetAt(profile: Located, key: string): string {
  return `${openclawAt(profile)} config unset ${key}`;
}

/** Restarts the profile's gateway only when it runs: a config change of a stopped gateway applies at its next start. */
export function restartIfRunning(profile: Located & Pick<Profile, 'services'>, live: LiveModel): string[] {
  const state = live.profiles[profile.name]?.gateway.state;
  if (state !== 'running' && state !== 'unhealthy') return [];
  const services = profile.services.filter((service) => service.isGateway);
  return services.length > 0 ? services.map(restartService) : [`${openclawAt(profile)} gateway restart`];
}

/** `unset A B`: for variables exported by the invoking shell (its rc file may export them again). */
export function unsetEnv(...names: string[]): string {
  return `unset ${names.join(' ')}`;
}

/** Copies a workspace's files into a new one, merging into it if it exists; the old dir stays for the operator to remove. */
function copyWorkspace(from: string, to: string): string[] {
  return [`mkdir -p ${shellQuote(to)}`, `cp -a ${shellQuote(`${from}/.`)} ${shellQuote(`${to}/`)}`];
}

/** Gives a profile's workspace key a new dir: its files copied over (when `copyFrom` is set), the key pinned, the gateway restarted if it runs. */
export function moveWorkspace(
  profile: Located & Pick<Profile, 'services'>,
  key: string,
  to: string,
  copyFrom: string | null,
  live: LiveModel,
): string[] {
  return [...(copyFrom ? copyWorkspace(copyFrom, to) : [`mkdir -p ${shellQuote(to)}`]), configSetAt(profile, key, to), ...restartIfRunning(profile, live)];
}

/** Pins a browser profile to its own CDP port, dropping a pinned URL first when one is set. */
export function moveBrowserCdpPort(
  profile: Located & Pick<Profile, 'services'>,
  browserProfile: string,
  port: number,
  unsetKeys: readonly string[],
  live: LiveModel,
): string[] {
  return [...unsetKeys.map((key) => configUnsetAt(profile, key)), configSetAt(profile, `browser.profiles.${browserProfile}.cdpPort`, port), ...restartIfRunning(profile, live)];
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
export function killProcess(pid: number): string {
  return `kill ${pid}`;
}

/** Renames a file or dir (an invalid profile dir to a valid name). */
export function renamePath(from: string, to: string): string {
  return `mv ${shellQuote(from)} ${shellQuote(to)}`;
}

/** Replaces a symlinked dir by an empty dir of its own (`rm` without a trailing slash removes the link only). */
export function replaceSymlinkWithDir(link: string): string[] {
  return [`rm ${shellQuote(link)}`, `mkdir -m 700 ${shellQuote(link)}`];
}

/** Copies a config file to a new place without overwriting one that is already there. */
export function copyConfig(from: string, to: string): string {
  return `cp -n ${shellQuote(from)} ${shellQuote(to)}`;
}

/**
 * Adds a variable to `<stateDir>/.env`, which the gateway of that profile and its CLI read without
 * overriding the process environment (OpenClaw "Environment variables" docs). The value stays a placeholder.
 */
export function addToEnvFile(stateDir: string, name: string): string {
  return `echo ${shellQuote(`${name}=<value>`)} >> ${shellQuote(`${stateDir}/.env`)}`;
}

/** `~/.openclaw-rescue` for a path under `<home>`: for messages and hints, never for commands (the shell's `~` may be another home). */
export function tildePath(home: string, file: string): string {
  if (file === home) return '~';
  return file.startsWith(`${home}/`) ? `~/${file.slice(home.length + 1)}` : file;
}

/** Replaces a symlinked file by a copy of what it points at, so the two stop sharing it. */
export function replaceSymlinkWithCopy(link: string, target: string): string[] {
  return [`rm ${shellQuote(link)}`, `cp ${shellQuote(target)} ${shellQuote(link)}`];
}
