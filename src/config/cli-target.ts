// What `openclaw --profile X` acts on from a given shell: OpenClaw 2026.9.6's applyCliProfileEnv (dist/profile-*.mjs), replayed.
import path from 'node:path';
import { isDefaultProfileName, isValidProfileName, profileStateDir } from '../profiles/names.js';
import { expandUserPath } from '../paths.js';

type Env = Readonly<Record<string, string | undefined>>;

/** The shell variables that select what an OpenClaw command acts on, in the order clawdoc reports them. */
export const INHERITED_SELECTORS = [
  'OPENCLAW_STATE_DIR',
  'OPENCLAW_CONFIG_PATH',
  'OPENCLAW_GATEWAY_PORT',
  'OPENCLAW_PROFILE',
  'OPENCLAW_HOME',
  'OPENCLAW_GATEWAY_URL',
  'OPENCLAW_SYSTEMD_UNIT',
  'OPENCLAW_LAUNCHD_LABEL',
  'OPENCLAW_SERVICE_MARKER',
] as const;

// OpenClaw's GATEWAY_SERVICE_SELECTOR_ENV_KEYS: dropped together when a service's environment switches profile.
const SERVICE_SELECTOR_KEYS = [
  'OPENCLAW_STATE_DIR',
  'OPENCLAW_CONFIG_PATH',
  'OPENCLAW_PROFILE',
  'OPENCLAW_GATEWAY_PORT',
  'OPENCLAW_LAUNCHD_LABEL',
  'OPENCLAW_SYSTEMD_UNIT',
  'OPENCLAW_WINDOWS_TASK_NAME',
];

export interface CliTarget {
  profile: string;
  /** The name the port hash, service names and workspace default follow: plain `openclaw` takes OPENCLAW_PROFILE. */
  identity: string;
  stateDir: string;
  /** True when an inherited OPENCLAW_STATE_DIR wins over `--profile`. */
  stateDirInherited: boolean;
  /** The config file it reads: the inherited OPENCLAW_CONFIG_PATH, or `<stateDir>/openclaw.json`. */
  configPath: string;
  configPathInherited: boolean;
  /** OPENCLAW_GATEWAY_PORT as the command sees it (`--dev` sets 19001 when unset). */
  gatewayPortEnv: string | null;
  gatewayUrl: string | null;
  /** Service selectors left in place: `gateway restart` / `stop` act on these names. */
  systemdUnit: string | null;
  launchdLabel: string | null;
}

const trimmed = (value: string | undefined): string | null => value?.trim() || null;

function serviceNames(profile: string): { systemd: string; launchd: string; windows: string } {
  const isDefault = isDefaultProfileName(profile);
  return {
    systemd: isDefault ? 'openclaw-gateway' : `openclaw-gateway-${profile}`,
    launchd: isDefault ? 'ai.openclaw.gateway' : `ai.openclaw.${profile}`,
    windows: isDefault ? 'OpenClaw Gateway' : `OpenClaw Gateway (${profile})`,
  };
}

function isGatewayServiceEnv(env: Env): boolean {
  if (trimmed(env.OPENCLAW_SERVICE_MARKER) !== 'openclaw') return false;
  const kind = trimmed(env.OPENCLAW_SERVICE_KIND);
  return !kind || kind === 'gateway';
}

/** Plain `openclaw` (the default profile's command): no --profile, so every inherited variable applies as is. */
function plainTarget(env: Env, home: string): CliTarget {
  const stateDir = trimmed(env.OPENCLAW_STATE_DIR);
  const configPath = trimmed(env.OPENCLAW_CONFIG_PATH);
  const resolvedState = stateDir ? expandUserPath(stateDir, home) : profileStateDir(home, 'default');
  const envProfile = trimmed(env.OPENCLAW_PROFILE);
  return {
    profile: 'default',
    identity: envProfile && isValidProfileName(envProfile) && !isDefaultProfileName(envProfile) ? envProfile : 'default',
    stateDir: resolvedState,
    stateDirInherited: stateDir !== null,
    configPath: configPath ? expandUserPath(configPath, home) : path.join(resolvedState, 'openclaw.json'),
    configPathInherited: configPath !== null,
    gatewayPortEnv: trimmed(env.OPENCLAW_GATEWAY_PORT),
    gatewayUrl: trimmed(env.OPENCLAW_GATEWAY_URL),
    systemdUnit: trimmed(env.OPENCLAW_SYSTEMD_UNIT),
    launchdLabel: trimmed(env.OPENCLAW_LAUNCHD_LABEL),
  };
}

/** The environment `openclaw --profile <profile>` runs with when started from a shell with `env`, and what it then acts on. */
export function cliTargetOf(profile: string, env: Env, home: string): CliTarget {
  if (isDefaultProfileName(profile)) return plainTarget(env, home);
  const out: Record<string, string | undefined> = { ...env };
  const rawInherited = trimmed(env.OPENCLAW_PROFILE) ?? 'default';
  // OpenClaw throws on an invalid inherited name; discovery reports that, so treat it as the default here.
  const inheritedProfile = isValidProfileName(rawInherited) ? rawInherited : 'default';
  const existingStateDir = trimmed(env.OPENCLAW_STATE_DIR);
  const existingConfigPath = trimmed(env.OPENCLAW_CONFIG_PATH);
  const inheritedDir = profileStateDir(home, inheritedProfile);
  const selectedDir = profileStateDir(home, profile);
  const switchesProfile = inheritedDir !== selectedDir;
  const resolve = (file: string) => expandUserPath(file, home);
  const switchesState = Boolean(existingStateDir && switchesProfile && resolve(existingStateDir) === inheritedDir);
  const replacesConfig = Boolean(
    switchesProfile && (!existingStateDir || switchesState) && existingConfigPath && resolve(existingConfigPath) === path.join(inheritedDir, 'openclaw.json'),
  );
  const managed = switchesProfile && isGatewayServiceEnv(env) && switchesState && replacesConfig;
  if (managed) for (const key of SERVICE_SELECTOR_KEYS) delete out[key];
  out.OPENCLAW_PROFILE = profile;
  const retained = managed ? null : existingStateDir;
  const stateDir = retained && !switchesState ? resolve(retained) : selectedDir;
  let configInherited = false;
  let configPath = path.join(stateDir, 'openclaw.json');
  if (!managed && existingConfigPath && !replacesConfig) {
    configPath = resolve(existingConfigPath);
    configInherited = true;
  }
  if (switchesProfile && !managed) {
    const inherited = serviceNames(inheritedProfile);
    if ([inherited.systemd, `${inherited.systemd}.service`].includes(trimmed(out.OPENCLAW_SYSTEMD_UNIT) ?? '')) delete out.OPENCLAW_SYSTEMD_UNIT;
    if (trimmed(out.OPENCLAW_LAUNCHD_LABEL) === inherited.launchd) delete out.OPENCLAW_LAUNCHD_LABEL;
  }
  if (profile === 'dev' && !trimmed(out.OPENCLAW_GATEWAY_PORT)) out.OPENCLAW_GATEWAY_PORT = '19001';
  return {
    profile,
    identity: profile,
    stateDir,
    stateDirInherited: Boolean(retained && !switchesState),
    configPath,
    configPathInherited: configInherited,
    gatewayPortEnv: trimmed(out.OPENCLAW_GATEWAY_PORT),
    gatewayUrl: trimmed(out.OPENCLAW_GATEWAY_URL),
    systemdUnit: trimmed(out.OPENCLAW_SYSTEMD_UNIT),
    launchdLabel: trimmed(out.OPENCLAW_LAUNCHD_LABEL),
  };
}

/** The unit / label name `gateway install` gives a profile, without suffix (OPENCLAW.md section 5). */
export function ownServiceNames(profile: string): { systemd: string; launchd: string } {
  const names = serviceNames(profile);
  return { systemd: names.systemd, launchd: names.launchd };
}
