// Which OpenClaw release layout the port plan follows, and why.
import fs from 'node:fs';
import path from 'node:path';
import type { InstalledRelease, Invocation, Layout, LayoutVersion, ServiceDefinition } from '../model.js';

export const LAYOUT_VERSIONS: readonly LayoutVersion[] = ['2026.9', '2026.1'];
const CURRENT_LAYOUT: LayoutVersion = '2026.9';

/** [year, month, patch] of an OpenClaw calendar version like `2026.9.6` or `2026.10.1-beta.2`. */
function parseReleaseVersion(version: string): [number, number, number] | null {
  const match = /^(\d{4})\.(\d{1,2})(?:\.(\d+))?/.exec(version.trim());
  if (!match) return null;
  return [Number(match[1]), Number(match[2]), Number(match[3] ?? 0)];
}

function atLeast(version: string | null, year: number, month: number): boolean {
  const parsed = version ? parseReleaseVersion(version) : null;
  if (!parsed) return true;
  return parsed[0] > year || (parsed[0] === year && parsed[1] >= month);
}

/** The layout a release uses: 2026.9 retired the canvas port and moved the extension relay. */
export function layoutForRelease(version: string): LayoutVersion {
  return atLeast(version, 2026, 9) ? '2026.9' : '2026.1';
}

/** The defaults a layout stands for: the profile-name hash port and `<stateDir>/workspace` arrived in 2026.8. */
function layoutDefaults(version: LayoutVersion, release: string | null): Pick<Layout, 'hashDefaultPort' | 'legacyWorkspaceDefault'> {
  const modern = release !== null ? atLeast(release, 2026, 8) : version === '2026.9';
  return { hashDefaultPort: modern, legacyWorkspaceDefault: !modern };
}

/** `--layout` wins (and brings its era's defaults), else the installed release's layout, else the current one. */
export function decideLayout(requested: LayoutVersion | null, installed: InstalledRelease | null): Layout {
  if (requested) {
    return { version: requested, reason: `--layout ${requested}`, ...layoutDefaults(requested, null) };
  }
  if (installed) {
    const version = layoutForRelease(installed.version);
    return { version, reason: `openclaw ${installed.version} is installed (${installed.packageJson})`, ...layoutDefaults(version, installed.version) };
  }
  return { version: CURRENT_LAYOUT, reason: 'no OpenClaw install found on this host; using the current layout', ...layoutDefaults(CURRENT_LAYOUT, null) };
}

function readPackageVersion(packageJson: string): InstalledRelease | null {
  try {
    const parsed = JSON.parse(fs.readFileSync(packageJson, 'utf8')) as { name?: unknown; version?: unknown };
    if (parsed.name !== 'openclaw' || typeof parsed.version !== 'string') return null;
    return { version: parsed.version, packageJson };
  } catch {
    return null;
  }
}

/** The package root above a file inside `node_modules/openclaw/`, if the path is one. */
function packageRootOf(file: string): string | null {
  const marker = `${path.sep}node_modules${path.sep}openclaw${path.sep}`;
  const index = file.indexOf(marker);
  return index === -1 ? null : file.slice(0, index + marker.length - 1);
}

function realPathOrNull(file: string): string | null {
  try {
    return fs.realpathSync(file);
  } catch {
    return null;
  }
}

/** The OpenClaw install a service's arguments run: the package.json above its entry point, if readable. */
export function releaseOfArgs(args: readonly string[]): InstalledRelease | null {
  for (const arg of args) {
    const root = packageRootOf(arg);
    const found = root ? readPackageVersion(path.join(root, 'package.json')) : null;
    if (found) return found;
  }
  return null;
}

/** The `openclaw` an operator's shell runs: the first one on PATH, followed to its package (npm links it into node_modules). */
export function findCliOnPath(invocation: Invocation): InstalledRelease | null {
  for (const dir of (invocation.env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    const linked = realPathOrNull(path.join(dir, 'openclaw'));
    const root = linked ? packageRootOf(linked) : null;
    const found = root ? readPackageVersion(path.join(root, 'package.json')) : null;
    if (found) return found;
  }
  return null;
}

/**
 * Finds the installed OpenClaw without spawning it: the `openclaw` on PATH (npm links it into
 * node_modules), the usual global prefixes, and only then the entry point a service runs — one stale
 * unit of an old install must not set the layout of the whole host.
 */
export function findInstalledOpenClaw(invocation: Invocation, services: readonly ServiceDefinition[]): InstalledRelease | null {
  const roots: string[] = [];
  for (const dir of (invocation.env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    const linked = realPathOrNull(path.join(dir, 'openclaw'));
    const root = linked ? packageRootOf(linked) : null;
    if (root) roots.push(root);
  }
  const prefixes = [
    invocation.env.NPM_CONFIG_PREFIX,
    path.join(invocation.home, '.npm-global'),
    path.join(invocation.home, '.local'),
    '/usr/local',
    '/usr',
    '/opt/homebrew',
  ].filter((prefix): prefix is string => Boolean(prefix));
  for (const prefix of prefixes) roots.push(path.join(prefix, 'lib', 'node_modules', 'openclaw'));
  roots.push(path.join(invocation.home, '.local', 'share', 'pnpm', 'global', '5', 'node_modules', 'openclaw'));
  roots.push(path.join(invocation.home, '.bun', 'install', 'global', 'node_modules', 'openclaw'));
  for (const service of services) {
    for (const arg of service.args) {
      const root = packageRootOf(arg);
      if (root) roots.push(root);
    }
  }

  for (const root of roots) {
    const found = readPackageVersion(path.join(root, 'package.json'));
    if (found) return found;
  }
  return null;
}
