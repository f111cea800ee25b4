// Resolve: a discovered profile's config loaded, its effective paths and its port plan, as OpenClaw computes them.
import fs from 'node:fs';
import path from 'node:path';
import type { BrowserProfileConfig, GatewayPortChoice, Invocation, Layout, Problem, Profile, WorkspaceEntry } from '../model.js';
import type { DiscoveredProfile } from '../profiles/discover.js';
import { DEFAULT_PROFILE, profileStateDir } from '../profiles/names.js';
import { DEFAULT_GATEWAY_PORT, DEV_GATEWAY_PORT, profileHashPort } from '../ports/hash.js';
import { buildPortPlan, LOOPBACK } from '../ports/plan.js';
import { loadConfig } from './load.js';
import { getPath, validateConfigValues } from './validate.js';
import { channelCredentials, channelWebhooks } from './channels.js';
import { expandUserPath } from '../paths.js';
import { asPort } from '../ports/port-number.js';
import { readStateDotEnv, withDotEnv } from './dotenv.js';
import { realPathOf } from '../real-path.js';
import { cliTargetOf, INHERITED_SELECTORS } from './cli-target.js';

type Config = Record<string, unknown>;

function asRecord(value: unknown): Record<string, unknown> | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

function asString(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

/** `OPENCLAW_GATEWAY_PORT` accepts `N`, `host:N` and `[v6]:N`. */
export function parseGatewayPortEnv(value: string | undefined): number | null {
  if (!value) return null;
  const match = /^(?:\[[^\]]*\]:|[^:]*:)?(\d+)$/.exec(value.trim());
  if (!match) return null;
  return asPort(Number(match[1]));
}

function fileExists(file: string): boolean {
  try {
    fs.statSync(file);
    return true;
  } catch {
    return false;
  }
}

/** `<state>/openclaw.json`, else the legacy `<state>/clawdbot.json` when only that exists. */
function defaultConfigPath(stateDir: string): string {
  const current = path.join(stateDir, 'openclaw.json');
  const legacy = path.join(stateDir, 'clawdbot.json');
  return !fileExists(current) && fileExists(legacy) ? legacy : current;
}

interface PortInputs {
  profileName: string;
  isNamed: boolean;
  hashDefault: boolean;
  configPort: number | null;
  configFile: string;
  envPort: { port: number; detail: string } | null;
  flagPort: { port: number; detail: string } | null;
}

/** OpenClaw's precedence: --port > OPENCLAW_GATEWAY_PORT > gateway.port > profile-name hash > 18789. */
export function chooseGatewayPort(inputs: PortInputs): GatewayPortChoice {
  if (inputs.flagPort) return { port: inputs.flagPort.port, source: 'flag', detail: inputs.flagPort.detail };
  if (inputs.envPort) return { port: inputs.envPort.port, source: 'env', detail: inputs.envPort.detail };
  if (inputs.configPort !== null) return { port: inputs.configPort, source: 'config', detail: `gateway.port in ${inputs.configFile}` };
  if (inputs.profileName === 'dev') {
    return { port: DEV_GATEWAY_PORT, source: 'default', detail: '--dev sets OPENCLAW_GATEWAY_PORT=19001' };
  }
  if (inputs.isNamed && inputs.hashDefault) {
    return { port: profileHashPort(inputs.profileName), source: 'profile-hash', detail: `20000 + fnv1a32("${inputs.profileName}") % 40000` };
  }
  return { port: DEFAULT_GATEWAY_PORT, source: 'default', detail: 'OpenClaw default 18789' };
}

const BIND_ADDRESSES: Record<string, string> = {
  loopback: LOOPBACK,
  lan: '0.0.0.0',
  auto: LOOPBACK,
  tailnet: 'tailnet',
};

export function gatewayBindAddress(config: Config | null): { mode: string; address: string } {
  const mode = asString(getPath(config, 'gateway.bind')) ?? 'loopback';
  if (mode === 'custom') return { mode, address: asString(getPath(config, 'gateway.customBindHost')) ?? '0.0.0.0' };
  return { mode, address: BIND_ADDRESSES[mode] ?? LOOPBACK };
}

function browserProfiles(config: Config | null, home: string, stateDir: string): BrowserProfileConfig[] {
  const configured = asRecord(getPath(config, 'browser.profiles')) ?? {};
  const profiles: BrowserProfileConfig[] = [];
  if (!('openclaw' in configured)) {
    profiles.push({ name: 'openclaw', cdpPort: null, cdpUrl: null, driver: null, userDataDir: null, implicit: true });
  }
  for (const [name, raw] of Object.entries(configured)) {
    const entry = asRecord(raw) ?? {};
    const userDataDir = asString(entry.userDataDir);
    profiles.push({
      name,
      cdpPort: asPort(entry.cdpPort),
      cdpUrl: asString(entry.cdpUrl),
      driver: asString(entry.driver),
      userDataDir: userDataDir ? expandUserPath(userDataDir, home, stateDir) : null,
      implicit: false,
    });
  }
  return profiles;
}

interface WorkspaceContext {
  profile: DiscoveredProfile;
  config: Config | null;
  env: Readonly<Record<string, string | undefined>>;
  home: string;
  layout: Layout;
}

/** Default workspace: OPENCLAW_WORKSPACE_DIR, agents.defaults.workspace, else `<stateDir>/workspace` (2026.8+). */
function resolveWorkspaces(context: WorkspaceContext): { workspace: string; workspaces: WorkspaceEntry[] } {
  const { profile, config, env, home, layout } = context;
  const stateDir = profile.stateDir;
  const configured = asString(getPath(config, 'agents.defaults.workspace'));
  const envWorkspace = env.OPENCLAW_WORKSPACE_DIR?.trim() || null;
  const isNamed = profile.openclawName !== DEFAULT_PROFILE;
  let defaultEntry: WorkspaceEntry;
  if (configured) {
    defaultEntry = { agent: 'default', path: expandUserPath(configured, home, stateDir), source: 'agents.defaults.workspace' };
  } else if (envWorkspace) {
    defaultEntry = { agent: 'default', path: expandUserPath(envWorkspace, home, stateDir), source: 'OPENCLAW_WORKSPACE_DIR' };
  } else if (isNamed && layout.legacyWorkspaceDefault) {
    // Before 2026.8 a named profile's workspace sat inside the default state dir.
    defaultEntry = {
      agent: 'default',
      path: path.join(profileStateDir(home, DEFAULT_PROFILE), `workspace-${profile.openclawName}`),
      source: 'default for a named profile (pre-2026.8 layout)',
    };
  } else {
    defaultEntry = { agent: 'default', path: path.join(stateDir, 'workspace'), source: '<stateDir>/workspace' };
  }

  const workspaces: WorkspaceEntry[] = [defaultEntry];
  const agentEntries: Array<[string, Record<string, unknown>]> = [];
  for (const [id, raw] of Object.entries(asRecord(getPath(config, 'agents.entries')) ?? {})) {
    agentEntries.push([id, asRecord(raw) ?? {}]);
  }
  const list = getPath(config, 'agents.list');
  if (Array.isArray(list)) {
    for (const raw of list) {
      const entry = asRecord(raw);
      const id = asString(entry?.id);
      if (entry && id) agentEntries.push([id, entry]);
    }
  }
  for (const [id, entry] of agentEntries) {
    const own = asString(entry.workspace);
    if (own) {
      workspaces.push({ agent: id, path: expandUserPath(own, home, stateDir), source: `agents workspace of "${id}"` });
    } else if (configured) {
      workspaces.push({ agent: id, path: path.join(defaultEntry.path, id), source: 'agents.defaults.workspace/<id>' });
    } else {
      workspaces.push({ agent: id, path: path.join(stateDir, `workspace-${id}`), source: '<stateDir>/workspace-<id>' });
    }
  }
  return { workspace: defaultEntry.path, workspaces };
}

/**
 * The environment a profile's gateway sees: the invoking shell's without its selection variables (they are
 * env/inherited-selectors' subject, not a profile's), overlaid by its service's, then `<stateDir>/.env`
 * for what neither sets (OpenClaw's dotenv never overrides the process environment).
 */
function gatewayEnv(profile: DiscoveredProfile, invocation: Invocation): Record<string, string | undefined> {
  const base = withoutOpenClawSelection(invocation.env);
  // Only what starts the gateway gives it an environment: not a unit that merely talks to it, nor a disabled one.
  for (const service of profile.services) if (service.isGateway && service.enabled !== false) Object.assign(base, service.env);
  return withDotEnv(base, readStateDotEnv(profile.stateDir));
}

function withoutOpenClawSelection(env: Readonly<Record<string, string | undefined>>): Record<string, string | undefined> {
  const copy = { ...env };
  for (const key of [...INHERITED_SELECTORS, 'OPENCLAW_WORKSPACE_DIR', 'OPENCLAW_OAUTH_DIR']) delete copy[key];
  return copy;
}

/** A service whose name stands for another profile than the one its environment runs (`openclaw-gateway-rescue.service` with main's state dir). */
function isMisnamed(service: DiscoveredProfile['services'][number], profile: DiscoveredProfile): boolean {
  return service.nameProfile !== undefined && service.nameProfile !== null && service.nameProfile !== profile.openclawName;
}

/**
 * The port a profile's services start its gateway on. A misnamed service (attached by its environment)
 * does not override the port the profile's own evidence gives: services/profile-mismatch reports it.
 */
function firstServicePort(
  profile: DiscoveredProfile,
  hasConfigPort: boolean,
): { flag: { port: number; detail: string } | null; env: { port: number; detail: string } | null } {
  const named = profile.services.filter((service) => !isMisnamed(service, profile));
  const services = named.length > 0 || hasConfigPort ? named : profile.services;
  for (const service of services) {
    if (service.portArg !== null) return { flag: { port: service.portArg, detail: `--port in ${service.name}` }, env: null };
  }
  for (const service of services) {
    const port = parseGatewayPortEnv(service.env.OPENCLAW_GATEWAY_PORT);
    if (port !== null) return { flag: null, env: { port, detail: `OPENCLAW_GATEWAY_PORT in ${service.name}` } };
  }
  return { flag: null, env: null };
}

/**
 * The port `openclaw --profile <name>` resolves from the invoking shell: inherited OPENCLAW_STATE_DIR /
 * OPENCLAW_CONFIG_PATH may make it read another profile's config, and OPENCLAW_GATEWAY_PORT beats every config.
 */
function cliPortOf(
  profile: DiscoveredProfile,
  ownConfigPath: string,
  own: Omit<PortInputs, 'envPort' | 'flagPort'>,
  invocation: Invocation,
  env: Readonly<Record<string, string | undefined>>,
): GatewayPortChoice {
  if (profile.origin.kind !== 'own') return chooseGatewayPort({ ...own, flagPort: null, envPort: null });
  const target = cliTargetOf(profile.openclawName, invocation.env, invocation.home);
  const envPortValue = parseGatewayPortEnv(target.gatewayPortEnv ?? undefined);
  const envPort = envPortValue !== null ? { port: envPortValue, detail: 'OPENCLAW_GATEWAY_PORT in this shell' } : null;
  const inputs = { ...own, profileName: target.identity, isNamed: target.identity !== DEFAULT_PROFILE, flagPort: null, envPort };
  if (!target.configPathInherited && !target.stateDirInherited) return chooseGatewayPort(inputs);
  if (path.resolve(target.configPath) === path.resolve(ownConfigPath)) return chooseGatewayPort(inputs);
  const other = loadConfig(target.configPath, env).config;
  return chooseGatewayPort({ ...inputs, configPort: asPort(getPath(other, 'gateway.port')), configFile: target.configPath });
}

export function resolveProfile(profile: DiscoveredProfile, invocation: Invocation, layout: Layout): Profile {
  const env = gatewayEnv(profile, invocation);
  const configPath = profile.configPathOverride ?? defaultConfigPath(profile.stateDir);
  const loaded = loadConfig(configPath, env);
  const config = loaded.config;
  const problems: Problem[] = [...loaded.problems];
  if (config) problems.push(...validateConfigValues(config, configPath, loaded.substituted));

  const identity = profile.openclawName;
  const isNamed = identity !== DEFAULT_PROFILE;
  const servicePort = firstServicePort(profile, asPort(getPath(config, 'gateway.port')) !== null);
  const portInputs = {
    profileName: identity,
    isNamed,
    hashDefault: layout.hashDefaultPort,
    configPort: asPort(getPath(config, 'gateway.port')),
    configFile: configPath,
  };
  const gatewayPort = chooseGatewayPort({ ...portInputs, flagPort: servicePort.flag, envPort: servicePort.env });
  const cliPort = cliPortOf(profile, configPath, portInputs, invocation, env);

  const bind = gatewayBindAddress(config);
  const { workspace, workspaces } = resolveWorkspaces({ profile, config, env, home: invocation.home, layout });
  const sessionStore = asString(getPath(config, 'session.store'));
  const logFile = asString(getPath(config, 'logging.file'));
  const oauthDir = env.OPENCLAW_OAUTH_DIR?.trim() || null;
  const browserEnabled = getPath(config, 'browser.enabled') !== false;
  const browserCdpUrl = asString(getPath(config, 'browser.cdpUrl'));
  const profilesOfBrowser = browserProfiles(config, invocation.home, profile.stateDir);
  const webhooks = channelWebhooks(config);
  const canvasEnabled = getPath(config, 'canvasHost.enabled') !== false;

  const planInput = {
    gatewayPort: gatewayPort.port,
    gatewayPortSource: gatewayPort.source === 'config' ? 'gateway.port' : gatewayPort.detail,
    gatewayBind: bind.address,
    sandboxPort: asPort(getPath(config, 'mcp.apps.sandboxPort')),
    browserEnabled,
    browserCdpUrl,
    browserProfiles: profilesOfBrowser,
    canvasEnabled,
    canvasPort: asPort(getPath(config, 'canvasHost.port')),
    webhooks,
  };
  const plan = buildPortPlan(planInput, layout.version);

  return {
    name: profile.name,
    openclawName: profile.openclawName,
    origin: profile.origin,
    foundIn: profile.foundIn,
    stateDir: profile.stateDir,
    configPath,
    configExists: loaded.exists,
    config,
    configFiles: loaded.files,
    problems,
    gatewayPort,
    cliPort,
    gatewayBind: bind.address,
    gatewayBindMode: bind.mode,
    hasGatewayToken: asString(getPath(config, 'gateway.auth.token')) !== null || Boolean(env.OPENCLAW_GATEWAY_TOKEN),
    workspace,
    workspaces,
    sessionStore: sessionStore ? expandUserPath(sessionStore, invocation.home, profile.stateDir) : null,
    logFile: logFile ? expandUserPath(logFile, invocation.home, profile.stateDir) : null,
    oauthDir: oauthDir ? expandUserPath(oauthDir, invocation.home, profile.stateDir) : null,
    browserEnabled,
    browserCdpUrl,
    browserProfiles: profilesOfBrowser,
    webhooks,
    credentials: channelCredentials(config, (file) => realPathOf(expandUserPath(file, invocation.home, profile.stateDir))),
    services: profile.services,
    locks: profile.locks,
    envSelected: profile.envSelected,
    envProfileName: profile.envProfileName,
    plan,
  };
}
