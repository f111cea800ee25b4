// Fix commands in OpenClaw's own terms: one helper per kind of fix, so checks never build command strings.
import type { Profile, ServiceDefinition } from '../model.js';
import { DEFAULT_PROFILE } from '../profiles/names.js';

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

export function configUnset(profile: Pick<Profile, 'name'>, key: string): string {
  return `${openclawFor(profile)} config unset ${key}`;
}

export function restartService(service: ServiceDefinition): string {
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
