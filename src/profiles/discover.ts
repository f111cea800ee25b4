// Discover: every OpenClaw profile on the host, each with the places it was found.
import fs from 'node:fs';
import path from 'node:path';
import type { DiscoveryNote, FoundIn, Invocation, LockFile, ProfileOrigin, ServiceDefinition } from '../model.js';
import { DEFAULT_PROFILE, isDefaultProfileName, isValidProfileName, profileFromStateDirName, profileNameProblem, profileStateDir } from './names.js';
import { findServices } from './services/index.js';
import { lockDirs, readLockFiles } from './locks.js';
import { realPathOf as realPath } from '../real-path.js';
import { expandUserPath } from '../paths.js';

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
    if (name === null) continue;
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
      const locks = readLockFiles(dir, location);
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

export function discoverProfiles(invocation: Invocation): Discovery {
  const table = new ProfileTable(invocation.home);
  const notes: DiscoveryNote[] = [];
  const searched: string[] = [path.join(invocation.home, '.openclaw'), path.join(invocation.home, '.openclaw-*'), path.join(invocation.home, '.clawdbot')];

  scanStateDirs(invocation.home, table, notes);
  const found = findServices(invocation.home);
  notes.push(...found.notes.map((note) => ({ kind: 'unreadable' as const, ...note })));
  searched.push(...found.searched);
  attachServices(invocation, found.services, table, notes);
  applyInvokingEnv(invocation, table, notes);
  applySelectedProfile(invocation, table);
  attachLocks(invocation, table, notes, searched);

  return { profiles: table.all().sort(byName), services: found.services, notes, searched };
}
