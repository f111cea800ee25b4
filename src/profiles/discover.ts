// Discover: every OpenClaw profile on the host, each with the places it was found.
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import type { DiscoveryNote, FoundIn, Invocation, LockFile, ProfileOrigin, ServiceDefinition, StrayDir } from '../model.js';
import {
  DEFAULT_PROFILE,
  isDefaultProfileName,
  isValidProfileName,
  MOVED_ASIDE,
  profileFromStateDirName,
  profileNameProblem,
  profileStateDir,
} from './names.js';
import { findServices } from './services/index.js';
import { isWindowsPath, rebaseWindowsPath } from './services/windows-path.js';
import { lockDirs, readLockFiles } from './locks.js';
import { realPathOf as realPath } from '../real-path.js';
import { expandUserPath } from '../paths.js';
import { releaseOfArgs } from '../ports/layout.js';

/** A profile before its config is loaded: identity, paths and the evidence that it exists. */
export interface DiscoveredProfile {
  /** Unique label: the OpenClaw name, or for a second identity under a taken name, that name and where it came from. */
  name: string;
  openclawName: string;
  origin: ProfileOrigin;
  foundIn: FoundIn[];
  stateDir: string;
  /** Set when env or a service names the config file; otherwise derived from the state dir. */
  configPathOverride: string | null;
  services: ServiceDefinition[];
  locks: LockFile[];
  /** True when a plain `openclaw` from the invoking shell resolves to this profile. */
  envSelected: boolean;
  /** `OPENCLAW_PROFILE` of the invoking shell when it names another profile than this one's files (split identity). */
  envProfileName: string | null;
}

export interface Discovery {
  profiles: DiscoveredProfile[];
  services: ServiceDefinition[];
  notes: DiscoveryNote[];
  /** State-dir-looking dirs that are not profiles (see classifyStrayDirs). */
  strayDirs: StrayDir[];
  searched: string[];
}

function isDirectory(file: string): boolean {
  try {
    return fs.statSync(file).isDirectory();
  } catch {
    return false;
  }
}

/** The report label of an identity: its OpenClaw name, told apart from the profile that owns the name. */
function labelOf(name: string, origin: ProfileOrigin): string {
  switch (origin.kind) {
    case 'own':
      return name;
    case 'shell':
      return `env:${name}`;
    case 'service':
      return `${name}@${origin.service}`;
  }
}

class ProfileTable {
  private readonly byName = new Map<string, DiscoveredProfile>();

  constructor(private readonly home: string) {}

  all(): DiscoveredProfile[] {
    return [...this.byName.values()];
  }

  get(name: string): DiscoveredProfile | undefined {
    return this.byName.get(name);
  }

  byStateDir(stateDir: string): DiscoveredProfile | undefined {
    const wanted = realPath(stateDir);
    return this.all().find((profile) => realPath(profile.stateDir) === wanted);
  }

  add(name: string, stateDir: string, foundIn: FoundIn, origin: ProfileOrigin = { kind: 'own' }): DiscoveredProfile {
    const label = labelOf(name, origin);
    const existing = this.byName.get(label);
    if (existing) {
      this.mark(existing, foundIn);
      return existing;
    }
    const profile: DiscoveredProfile = {
      name: label,
      openclawName: name,
      origin,
      foundIn: [foundIn],
      stateDir,
      configPathOverride: null,
      services: [],
      locks: [],
      envSelected: false,
      envProfileName: null,
    };
    this.byName.set(label, profile);
    return profile;
  }

  remove(name: string): void {
    this.byName.delete(name);
  }

  mark(profile: DiscoveredProfile, foundIn: FoundIn): void {
    if (!profile.foundIn.includes(foundIn)) profile.foundIn.push(foundIn);
  }

  defaultStateDir(): string {
    return profileStateDir(this.home, DEFAULT_PROFILE);
  }
}

function scanStateDirs(home: string, table: ProfileTable, notes: DiscoveryNote[]): void {
  let entries: string[];
  try {
    entries = fs.readdirSync(home);
  } catch (error) {
    notes.push({ kind: 'unreadable', path: home, message: `cannot list the home directory: ${(error as NodeJS.ErrnoException).code ?? String(error)}` });
    return;
  }
  for (const entry of entries.sort()) {
    const name = profileFromStateDirName(entry);
    if (name === null || MOVED_ASIDE.test(entry)) continue;
    const dir = path.join(home, entry);
    if (!isDirectory(dir)) {
      notes.push({ kind: 'unreadable', path: dir, message: `${dir} looks like a state dir but is not a directory` });
      continue;
    }
    if (name !== DEFAULT_PROFILE && !isValidProfileName(name)) {
      notes.push({ kind: 'invalid-profile-dir', path: dir, message: `${profileNameProblem(name)}; OpenClaw cannot select this dir with --profile` });
      continue;
    }
    table.add(name, dir, 'state-dir');
  }
  const legacy = path.join(home, '.clawdbot');
  if (!table.get(DEFAULT_PROFILE) && isDirectory(legacy)) {
    // Without ~/.openclaw, OpenClaw falls back to the legacy ~/.clawdbot for the default profile.
    table.add(DEFAULT_PROFILE, legacy, 'legacy-state-dir');
  }
}

/**
 * Marks the profile a plain `openclaw` from the invoking shell acts on. The shell never makes a profile:
 * profiles come from disk, services, locks and --profile; env/inherited-selectors says what the shell's
 * variables do to each of them.
 */
function applyInvokingEnv(invocation: Invocation, table: ProfileTable, notes: DiscoveryNote[]): void {
  const env = invocation.env;
  const envProfile = env.OPENCLAW_PROFILE?.trim() || null;
  const envStateDir = env.OPENCLAW_STATE_DIR?.trim() || null;
  if (!envProfile && !envStateDir) return;

  if (envProfile && !isDefaultProfileName(envProfile) && !isValidProfileName(envProfile)) {
    notes.push({ kind: 'unreadable', path: 'OPENCLAW_PROFILE', message: `OPENCLAW_PROFILE: ${profileNameProblem(envProfile)}` });
    return;
  }
  const name = envProfile && !isDefaultProfileName(envProfile) ? envProfile : DEFAULT_PROFILE;
  // OPENCLAW_PROFILE alone does not move state or config: only the --profile flag does.
  const stateDir = envStateDir ? expandUserPath(envStateDir, invocation.home) : (table.get(DEFAULT_PROFILE)?.stateDir ?? table.defaultStateDir());
  const profile = table.byStateDir(stateDir);
  if (!profile) return;
  table.mark(profile, 'env');
  profile.envSelected = true;
  if (profile.openclawName !== name) profile.envProfileName = name;
}

function applySelectedProfile(invocation: Invocation, table: ProfileTable): void {
  const selected = invocation.selectedProfile;
  if (!selected || table.get(selected)) {
    if (selected) table.mark(table.get(selected)!, 'flag');
    return;
  }
  table.add(selected, profileStateDir(invocation.home, selected), 'flag');
}

function serviceFoundIn(service: ServiceDefinition): FoundIn {
  return service.manager;
}

/**
 * A service's paths are absolute in the home it was installed for (its HOME=); rebased onto the home
 * clawdoc inspects, so a copied or mounted home (`--home`) maps its services to its own state dirs.
 */
function rebaseServicePath(file: string, service: ServiceDefinition, home: string): string {
  if (isWindowsPath(file)) return expandUserPath(rebaseWindowsPath(file, home), home);
  const expanded = file.replace(/%h(?=\/|$)/, home);
  const serviceHome = service.env.HOME;
  if (serviceHome && serviceHome !== home && (expanded === serviceHome || expanded.startsWith(`${serviceHome}/`))) {
    return path.join(home, expanded.slice(serviceHome.length));
  }
  return expandUserPath(expanded, home);
}

function attachServices(invocation: Invocation, services: ServiceDefinition[], table: ProfileTable, notes: DiscoveryNote[]): void {
  for (const service of services) {
    if (!service.isGateway) continue;
    // A system-scope unit for another account's home is that user's gateway, not one of this home's (paths are per user).
    if (service.scope === 'system' && service.env.HOME && path.resolve(service.env.HOME) !== path.resolve(serviceHomeOf(invocation))) {
      notes.push({ kind: 'unmapped-service', path: service.file, message: `${service.name} runs a gateway for ${service.env.HOME}, not this home` });
      continue;
    }
    const envStateDir = service.env.OPENCLAW_STATE_DIR;
    const stateDir = envStateDir
      ? rebaseServicePath(envStateDir, service, invocation.home)
      : service.profile
        ? profileStateDir(invocation.home, service.profile)
        : null;
    if (!stateDir) {
      notes.push({ kind: 'unmapped-service', path: service.file, message: `${service.name} runs an OpenClaw gateway but names no profile or state dir` });
      continue;
    }
    let profile = table.byStateDir(stateDir);
    if (!profile) {
      const name = service.profile ?? path.basename(stateDir);
      profile =
        table.get(name) && realPath(table.get(name)!.stateDir) !== realPath(stateDir)
          ? table.add(name, stateDir, serviceFoundIn(service), { kind: 'service', service: service.name })
          : table.add(name, stateDir, serviceFoundIn(service));
    }
    table.mark(profile, serviceFoundIn(service));
    profile.services.push(service);
    if (service.env.OPENCLAW_CONFIG_PATH && !profile.configPathOverride) {
      profile.configPathOverride = rebaseServicePath(service.env.OPENCLAW_CONFIG_PATH, service, invocation.home);
    }
  }
}

function attachLocks(invocation: Invocation, table: ProfileTable, notes: DiscoveryNote[], searched: string[]): void {
  const seenDirs = new Set<string>();
  for (const profile of table.all()) {
    for (const { dir, location } of lockDirs(invocation, profile.stateDir)) {
      if (location !== 'state-dir') continue;
      searched.push(dir);
      seenDirs.add(realPath(dir));
      // A state dir that is a symlink to another profile's shares its lock dir: a lock belongs to the profile whose state dir it records.
      // Compared by dir name too: a lock records the state dir in the home it was written in (a copied home keeps the names).
      const locks = readLockFiles(dir, location).filter((lock) => {
        if (!lock.stateDir) return true;
        const recorded = path.resolve(lock.stateDir);
        if (recorded === path.resolve(profile.stateDir) || path.basename(recorded) === path.basename(profile.stateDir)) return true;
        return !table.all().some((other) => path.resolve(other.stateDir) === recorded || path.basename(other.stateDir) === path.basename(recorded));
      });
      if (locks.length > 0) table.mark(profile, 'lock');
      profile.locks.push(...locks);
    }
  }
  // Releases up to 2026.6 kept their locks in os.tmpdir(): map them by the state dir they record.
  const tmpLockDir = lockDirs(invocation, table.defaultStateDir()).find((entry) => entry.location === 'tmpdir');
  if (!tmpLockDir || seenDirs.has(realPath(tmpLockDir.dir))) return;
  searched.push(tmpLockDir.dir);
  for (const lock of readLockFiles(tmpLockDir.dir, 'tmpdir')) {
    const owner = lock.stateDir ? table.byStateDir(lock.stateDir) : undefined;
    if (owner) {
      owner.locks.push(lock);
      table.mark(owner, 'tmp-lock');
    } else if (lock.stateDir && !lock.problem) {
      const name = profileFromStateDirName(path.basename(lock.stateDir)) ?? path.basename(lock.stateDir);
      const profile = table.add(name, lock.stateDir, 'tmp-lock');
      profile.locks.push(lock);
    } else {
      notes.push({ kind: 'unmapped-lock', path: lock.file, message: lock.problem ?? `${lock.file} names no state dir` });
    }
  }
}

const byName = (a: DiscoveredProfile, b: DiscoveredProfile): number =>
  a.name === DEFAULT_PROFILE ? -1 : b.name === DEFAULT_PROFILE ? 1 : a.name.localeCompare(b.name);

/**
 * The OS user's home, where user units and LaunchAgents live: OPENCLAW_HOME moves `<home>` but not
 * the service dirs (OPENCLAW.md section 5), so with it set, HOME (else os.homedir()) is used.
 */
function serviceHomeOf(invocation: Invocation): string {
  const openclawHome = invocation.env.OPENCLAW_HOME?.trim();
  if (openclawHome && path.resolve(openclawHome) === path.resolve(invocation.home)) return invocation.env.HOME || os.homedir();
  return invocation.home;
}

/** Where system-wide service dirs hang: the fixture root a test gives, else on Windows the drive of %SystemRoot% (`C:\`), else `/`. */
function systemRootOf(invocation: Invocation): string {
  if (invocation.systemRoot) return invocation.systemRoot;
  const windowsDir = invocation.platform === 'win32' ? invocation.env.SystemRoot?.trim() : undefined;
  return windowsDir ? path.parse(windowsDir).root : '/';
}

// Names that end up as `~/.openclaw-<name>` by mistake: `--profile openclaw`, and `--profile chrome` typed for `--browser-profile chrome`.
const MISTAKEN_NAMES = new Set(['openclaw', 'chrome']);
// What a profile that ran keeps in its state dir; a dir holding none of these never ran a gateway.
const PROFILE_DATA = new Set([
  'openclaw.json',
  'clawdbot.json',
  'agents',
  'sessions',
  'credentials',
  'workspace',
  'identity',
  'devices',
  '.env',
  'service-env',
  'gateway.cmd',
]);
// What other profiles leak into `~/.openclaw`: pre-2026.8 named-profile workspaces and lock dirs.
const LEAKED_ENTRY = /^(workspace-.+|tmp|\.DS_Store)$/;

/** The dir's entries; null when it cannot be listed (then nothing says it is not a profile). */
function entriesOf(dir: string): string[] | null {
  try {
    return fs.readdirSync(dir).sort();
  } catch {
    return null;
  }
}

function hasConfig(dir: string): boolean {
  return ['openclaw.json', 'clawdbot.json'].some((name) => fs.existsSync(path.join(dir, name)));
}

/** Whether only the state dir itself (no config, service, lock, shell or flag) makes this a profile. */
function onlyADir(profile: DiscoveredProfile): boolean {
  return (
    profile.origin.kind === 'own' &&
    profile.foundIn.every((where) => where === 'state-dir') &&
    profile.services.length === 0 &&
    profile.locks.length === 0 &&
    !profile.envSelected &&
    profile.configPathOverride === null &&
    !hasConfig(profile.stateDir)
  );
}

/**
 * Dirs named like state dirs that are not profiles: `~/.openclaw-openclaw`, `~/.openclaw-chrome`, a case
 * twin of a real profile, an empty one, and a `~/.openclaw` that holds only what other profiles leaked into it.
 */
function classifyStrayDirs(table: ProfileTable, home: string): StrayDir[] {
  const stray: StrayDir[] = [];
  const all = table.all();
  for (const profile of all) {
    if (!onlyADir(profile)) continue;
    const holds = entriesOf(profile.stateDir);
    if (holds === null) continue;
    const name = profile.openclawName;
    let reason: string | null = null;
    let kind: StrayDir['kind'] = 'stray';
    if (name === DEFAULT_PROFILE) {
      if (profile.stateDir !== path.join(home, '.openclaw') || holds.length === 0 || !holds.every((entry) => LEAKED_ENTRY.test(entry))) continue;
      if (all.length < 2) continue;
      kind = 'leaked-into-default';
      reason = 'it has no config, service or lock of its own: it holds only files other profiles left there (pre-2026.8 workspace-<p> dirs, tmp)';
    } else {
      const twin = all.find(
        (other) => other !== profile && other.openclawName !== name && other.openclawName.toLowerCase() === name.toLowerCase() && !onlyADir(other),
      );
      if (twin) reason = `it differs from the profile ${twin.openclawName} only in case (profile names are case-sensitive; ${twin.stateDir} is the real one)`;
      else if (MISTAKEN_NAMES.has(name.toLowerCase()))
        reason = `"${name}" is rarely a profile: it is what \`--profile ${name}\` creates when \`--browser-profile\` or no flag was meant`;
      else if (!holds.some((entry) => PROFILE_DATA.has(entry))) reason = 'it has no config, service or lock, and none of the files a profile that ran keeps';
    }
    if (reason === null) continue;
    stray.push({ path: profile.stateDir, kind, holds, reason });
    table.remove(profile.name);
  }
  return stray;
}

export function discoverProfiles(invocation: Invocation): Discovery {
  const table = new ProfileTable(invocation.home);
  const notes: DiscoveryNote[] = [];
  const searched: string[] = [path.join(invocation.home, '.openclaw'), path.join(invocation.home, '.openclaw-*'), path.join(invocation.home, '.clawdbot')];

  scanStateDirs(invocation.home, table, notes);
  const found = findServices(invocation.home, { serviceHome: serviceHomeOf(invocation), systemRoot: systemRootOf(invocation) });
  for (const service of found.services) {
    // An install under the service's home (`%h/...`, `$HOME/...`) is looked up in the home inspected, as its state dir is.
    const release = releaseOfArgs(service.args.map((arg) => (/^(\/|%h\/)/.test(arg) ? rebaseServicePath(arg, service, invocation.home) : arg)));
    if (release) service.release = release;
  }
  notes.push(...found.notes.map((note) => ({ kind: 'unreadable' as const, ...note })));
  searched.push(...found.searched);
  attachServices(invocation, found.services, table, notes);
  applyInvokingEnv(invocation, table, notes);
  applySelectedProfile(invocation, table);
  attachLocks(invocation, table, notes, searched);
  const strayDirs = classifyStrayDirs(table, invocation.home);

  return { profiles: table.all().sort(byName), services: found.services, notes, strayDirs, searched };
}
