// The host model every stage after discovery reads: profiles, their resolved config and port plans.

/** Where clawdoc looks: the home it inspects and the environment it was started with. */
export interface Invocation {
  /** `<home>` as OpenClaw computes it: OPENCLAW_HOME, else HOME, else os.homedir(); `--home` overrides. */
  home: string;
  /** The environment OpenClaw would see from this shell (process.env, or a fixture's). */
  env: Readonly<Record<string, string | undefined>>;
  /** `--profile` / `--dev` given to clawdoc: the profile a single-profile command is about. */
  selectedProfile: string | null;
  uid: number;
  /** `os.tmpdir()`: releases up to 2026.6 kept their lock files under `<tmpdir>/openclaw-<uid>/`. */
  tmpDir: string;
  platform: NodeJS.Platform;
  /**
   * Root of the system-wide service dirs (`<systemRoot>/etc/systemd/system`, `<systemRoot>/Windows/System32/Tasks`);
   * `/` when absent (on Windows, the drive of %SystemRoot%). Tests point it at a fixture dir.
   */
  systemRoot?: string;
}

export type FoundIn = 'state-dir' | 'legacy-state-dir' | 'env' | 'flag' | 'systemd' | 'launchd' | 'schtasks' | 'startup' | 'lock' | 'tmp-lock';

/** A structured diagnostic about a profile's inputs (config file, include, env var). */
export interface Problem {
  message: string;
  file?: string;
  line?: number;
  column?: number;
  /** Config key the problem is about, dotted (`gateway.port`). */
  path?: string;
  severity: 'error' | 'warning';
}

export interface ServiceDefinition {
  /** `startup`: a launcher in the Windows Startup folder, OpenClaw's fallback when schtasks is refused. */
  manager: 'systemd' | 'launchd' | 'schtasks' | 'startup';
  /** Unit name, launchd label or task name, e.g. `openclaw-gateway-rescue.service`; a Startup launcher's name without extension. */
  name: string;
  file: string;
  /** Environment the service sets (Environment= lines, EnvironmentVariables dict). */
  env: Record<string, string>;
  /** Program arguments, ExecStart split with systemd's quoting rules. */
  args: string[];
  /** `gateway --port N` in the arguments. */
  portArg: number | null;
  /** The profile this service runs, from its environment (OPENCLAW_PROFILE / OPENCLAW_STATE_DIR), never from its name alone. */
  profile: string | null;
  /** How `profile` was decided, for evidence. */
  profileEvidence: string;
  /** True when the environment or arguments prove it runs an OpenClaw gateway (not just "openclaw" in a path). */
  isGateway: boolean;
  legacy: boolean;
  /** The profile its name stands for (`openclaw-gateway-rescue.service` → rescue), null for a hand-made name. */
  nameProfile?: string | null;
  /**
   * systemd: linked from a `*.wants/` dir of its scope (enabled), or not while other units are (disabled, file kept);
   * schtasks: the task's `<Settings><Enabled>`. Unknown when absent.
   */
  enabled?: boolean;
  /** `system` for a unit under /etc/systemd/system; user scope when absent. */
  scope?: 'user' | 'system';
  /**
   * Files its environment was also read from (EnvironmentFile=, launchd's `<stateDir>/service-env/<label>.env`, the
   * `gateway.cmd` a Windows task or Startup launcher runs).
   */
  envFiles?: string[];
  /** The OpenClaw install its entry point belongs to (the package.json above it), when one was found. */
  release?: InstalledRelease | null;
}

export interface LockFile {
  file: string;
  /** `gateway.state.lock` (per state dir) or `gateway.<hash>.lock` (per config). */
  kind: 'state' | 'config';
  /** Under `<stateDir>/tmp/` (2026.7+) or `os.tmpdir()` (up to 2026.6). */
  location: 'state-dir' | 'tmpdir';
  pid: number | null;
  port: number | null;
  configPath: string | null;
  stateDir: string | null;
  createdAt: string | null;
  /** `gateway`, or a non-gateway holder such as `agent-embedded` (2026.9 payloads); null when absent. */
  role: string | null;
  /** Set when the file could not be read or parsed; the other fields are then null. */
  problem: string | null;
}

export type PortSource = 'flag' | 'env' | 'config' | 'profile-hash' | 'default';

export interface GatewayPortChoice {
  port: number;
  source: PortSource;
  /** Human detail: `gateway.port in ~/.openclaw-rescue/openclaw.json`, `--port in openclaw-gateway-rescue.service`. */
  detail: string;
}

export interface BrowserProfileConfig {
  name: string;
  cdpPort: number | null;
  cdpUrl: string | null;
  driver: string | null;
  userDataDir: string | null;
  /** True for the implicit `openclaw` profile that exists without configuration. */
  implicit: boolean;
}

export interface WorkspaceEntry {
  /** `default` for agents.defaults, otherwise the agent id. */
  agent: string;
  path: string;
  source: string;
}

export interface WebhookEntry {
  channel: string;
  port: number;
  source: string;
  /** The config key that sets this webhook's port. */
  portKey: string;
  /** The address its listener binds (Telegram 127.0.0.1 by default, others 0.0.0.0). */
  bind: string;
}

/** A channel credential, kept only as a fingerprint: clawdoc never holds it in a printable field. */
export interface CredentialFingerprint {
  channel: string;
  path: string;
  fingerprint: string;
}

export type PortRole = 'gateway' | 'sandbox' | 'browser-control' | 'extension-relay' | 'cdp-band' | 'cdp' | 'canvas' | 'webhook';

export interface PortPlanEntry {
  role: PortRole;
  from: number;
  to: number;
  bind: string;
  /** Which key or rule produced it: `gateway.port`, `base+2`, `control+9..control+108`. */
  source: string;
  /** For `cdp`: the browser profile; for `webhook`: the channel. */
  label?: string;
  /** True when the port follows the base port (`base+2`, the CDP band); false for absolute keys (`cdpPort`, webhooks). */
  derived: boolean;
}

/** One profile's planned port or range. */
export interface PlannedPort {
  profile: string;
  entry: PortPlanEntry;
}

/** Where the port plans of two profiles meet: the same port, or intersecting ranges. */
export interface Overlap {
  from: number;
  to: number;
  a: PlannedPort;
  b: PlannedPort;
}

export type LayoutVersion = '2026.9' | '2026.1';

/** The OpenClaw install found on the host, read from its package.json without spawning it. */
export interface InstalledRelease {
  version: string;
  packageJson: string;
}

/** The rules the model follows: the port layout and the defaults of the release it stands for. */
export interface Layout {
  version: LayoutVersion;
  reason: string;
  /** Whether named profiles without a port default to the FNV-1a hash (2026.8+) or to 18789. */
  hashDefaultPort: boolean;
  /** Whether a named profile's default workspace is `~/.openclaw/workspace-<p>` (before 2026.8). */
  legacyWorkspaceDefault: boolean;
}

/**
 * How a profile's identity was found. `own`: as itself (its state dir, a service, a lock, --profile).
 * `shell` and `service`: a second identity under a name another profile already has: this shell's
 * OPENCLAW_* variables, or a service, run that name on other files.
 */
export type ProfileOrigin = { kind: 'own' } | { kind: 'shell' } | { kind: 'service'; service: string };

export interface Profile {
  /** The profile's label in reports and the key of every per-profile map; unique on the host. */
  name: string;
  /** The name OpenClaw knows it by (`--profile`, OPENCLAW_PROFILE); `default` for the default profile. */
  openclawName: string;
  origin: ProfileOrigin;
  foundIn: FoundIn[];
  stateDir: string;
  configPath: string;
  configExists: boolean;
  /** The loaded config after `$include` and `${VAR}`; null when absent or unloadable. */
  config: Record<string, unknown> | null;
  /** Files the config was read from (the config itself and its includes). */
  configFiles: string[];
  problems: Problem[];
  /** The port this profile's gateway is started on (its service's --port counts). */
  gatewayPort: GatewayPortChoice;
  /** The port `openclaw --profile <name> status` resolves from this shell (no --port flag). */
  cliPort: GatewayPortChoice;
  gatewayBind: string;
  /** The bind mode as configured (`loopback`, `lan`, ...). */
  gatewayBindMode: string;
  hasGatewayToken: boolean;
  workspace: string;
  workspaces: WorkspaceEntry[];
  sessionStore: string | null;
  logFile: string | null;
  oauthDir: string | null;
  browserEnabled: boolean;
  browserCdpUrl: string | null;
  browserProfiles: BrowserProfileConfig[];
  webhooks: WebhookEntry[];
  credentials: CredentialFingerprint[];
  services: ServiceDefinition[];
  locks: LockFile[];
  /** True when a plain `openclaw` from the invoking shell resolves to this profile. */
  envSelected: boolean;
  /** `OPENCLAW_PROFILE` of the invoking shell when it names another profile than these files' (split identity). */
  envProfileName: string | null;
  /** The port plan around the configured base; the attribute stage rebases it when the gateway runs elsewhere. */
  plan: PortPlanEntry[];
}

/** Something discovery saw that is not a profile but is worth saying (invalid dir names, unmapped services). */
export interface DiscoveryNote {
  kind: 'invalid-profile-dir' | 'unmapped-service' | 'unmapped-lock' | 'unreadable';
  path: string;
  message: string;
}

/** A `~/.openclaw-<name>` or `~/.openclaw` dir that is not a profile of its own: left by a mistake or by other profiles. */
export interface StrayDir {
  path: string;
  /** `stray`: a dir no config, service or lock makes a profile; `leaked-into-default`: `~/.openclaw` holding only other profiles' leftovers. */
  kind: 'stray' | 'leaked-into-default';
  /** Its top-level entries, for evidence. */
  holds: string[];
  reason: string;
}

export interface HostModel {
  invocation: Invocation;
  /** The OpenClaw install found on the host, if any. */
  release: InstalledRelease | null;
  /** The `openclaw` first on PATH: what `openclaw ... gateway install` would write services for. */
  cliRelease?: InstalledRelease | null;
  layout: Layout;
  profiles: Profile[];
  notes: DiscoveryNote[];
  /** Dirs that look like state dirs but are not profiles; optional so older model builders stay valid. */
  strayDirs?: StrayDir[];
  /** Every place discovery looked, for the "no OpenClaw here" message. */
  searched: string[];
  /** Real path (after symlinks) of every path a profile names, so checks compare without touching the disk. */
  realPaths: Record<string, string>;
  /** Overlaps of the configured plans (what `ports` shows); the live model has those of the running plans. */
  overlaps: Overlap[];
}
