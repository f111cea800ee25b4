// Discover and resolve: the static model of the host, before anything is observed or probed.
import type { HostModel, Invocation, LayoutVersion, Profile } from './model.js';
import { discoverProfiles, type DiscoveredProfile } from './profiles/discover.js';
import { resolveProfile } from './config/resolve-profile.js';
import { decideLayout, findInstalledOpenClaw } from './ports/layout.js';
import { realPathOf } from './real-path.js';

export interface ModelOptions {
  layout: LayoutVersion | null;
}

function resolveSafely(discovered: DiscoveredProfile, invocation: Invocation, layout: HostModel['layout']): Profile {
  try {
    return resolveProfile(discovered, invocation, layout);
  } catch (error) {
    // A profile that cannot be resolved still appears, with the reason, so the others are checked.
    const fallback = resolveProfile({ ...discovered, configPathOverride: '/nonexistent/clawdoc-unresolvable' }, invocation, layout);
    return {
      ...fallback,
      problems: [{ severity: 'error', message: `could not resolve this profile: ${(error as Error).message}` }],
    };
  }
}

function realPathsOf(profiles: readonly Profile[]): Record<string, string> {
  const realPaths: Record<string, string> = {};
  for (const profile of profiles) {
    const paths = [profile.stateDir, profile.configPath, profile.sessionStore, profile.logFile, profile.oauthDir, ...profile.workspaces.map((entry) => entry.path)];
    for (const file of paths) if (file !== null && !(file in realPaths)) realPaths[file] = realPathOf(file);
  }
  return realPaths;
}

export function buildHostModel(invocation: Invocation, options: ModelOptions): HostModel {
  const discovery = discoverProfiles(invocation);
  const installed = findInstalledOpenClaw(invocation, discovery.services);
  const layout = decideLayout(options.layout, installed);
  const profiles = discovery.profiles.map((profile) => resolveSafely(profile, invocation, layout));
  return { invocation, layout, profiles, notes: discovery.notes, searched: discovery.searched, realPaths: realPathsOf(profiles) };
}
