// Two profiles work in the same workspace, one inside the other, or inside another profile's state dir.
import path from 'node:path';
import { defineCheck, type CheckContext, type FindingDraft } from '../../src/doctor/api.js';
import { profileToMove, real } from '../../src/doctor/helpers.js';
import { ancestorsOf, inside, relatedPaths } from '../../src/doctor/shared-paths.js';
import { fixOf, moveWorkspace, reinstallGatewayService, unsetEnv } from '../../src/fixes/commands.js';
import { tildePath } from '../../src/paths.js';
import type { Profile, WorkspaceEntry } from '../../src/model.js';
import { DEFAULT_PROFILE } from '../../src/profiles/names.js';

type Relation = 'same' | 'a-inside-b' | 'b-inside-a';

/** The key to change: agents.defaults.workspace, agents.entries.<id>.workspace, or the env var that set it. */
function workspaceKey(entry: WorkspaceEntry): string {
  if (entry.agent !== 'default') return `agents.entries.${entry.agent}.workspace`;
  return entry.source === 'OPENCLAW_WORKSPACE_DIR' ? 'OPENCLAW_WORKSPACE_DIR' : 'agents.defaults.workspace';
}

/** Where OpenClaw 2026.8+ puts this workspace without configuration: `<stateDir>/workspace`, `<stateDir>/workspace-<id>`. */
function ownDefault(profile: Profile, entry: WorkspaceEntry): string {
  return path.join(profile.stateDir, entry.agent === 'default' ? 'workspace' : `workspace-${entry.agent}`);
}

/** An agent workspace derived from agents.defaults.workspace moves with it: one finding, one fix. */
function isDerived(entry: WorkspaceEntry): boolean {
  return entry.source === 'agents.defaults.workspace/<id>';
}

function relationOf(context: CheckContext, a: WorkspaceEntry, b: WorkspaceEntry): Relation | null {
  const realA = real(context, a.path);
  const realB = real(context, b.path);
  if (realA === realB) return 'same';
  if (inside(realA, realB)) return 'a-inside-b';
  return inside(realB, realA) ? 'b-inside-a' : null;
}

function label(profile: Profile, entry: WorkspaceEntry): string {
  return entry.agent === 'default' ? `${profile.name}'s workspace` : `${profile.name}'s workspace of agent ${entry.agent}`;
}

/** The commands that give `entry` of `profile` the dir `to`: the key pinned (and the env var that set it dropped), files copied from `copyFrom`. */
function workspaceFix(context: CheckContext, profile: Profile, entry: WorkspaceEntry, to: string, copyFrom: string | null): string[] {
  const key = workspaceKey(entry);
  if (key !== 'OPENCLAW_WORKSPACE_DIR') return moveWorkspace(profile, key, to, copyFrom, context.live, context.model.invocation);
  const fromServices = profile.services.some((service) => service.isGateway && service.env.OPENCLAW_WORKSPACE_DIR);
  const commands = moveWorkspace(profile, 'agents.defaults.workspace', to, copyFrom, context.live, context.model.invocation);
  if (fromServices) return [...commands, ...reinstallGatewayService(profile, context.model.invocation)];
  return [unsetEnv('OPENCLAW_WORKSPACE_DIR'), ...commands];
}

interface Side {
  profile: Profile;
  entry: WorkspaceEntry;
}

function sharedWorkspaceFinding(context: CheckContext, a: Side, b: Side, relation: Relation): FindingDraft {
  const home = context.model.invocation.home;
  const show = (file: string) => tildePath(home, file);
  // The side whose workspace is not where OpenClaw would put it on its own was configured into the clash: change that one.
  const displacedA = a.entry.path !== ownDefault(a.profile, a.entry);
  const displacedB = b.entry.path !== ownDefault(b.profile, b.entry);
  const movingProfile = displacedA !== displacedB ? (displacedA ? a.profile : b.profile) : profileToMove(context, a.profile, b.profile).moving;
  const [moving, staying] = movingProfile === a.profile ? [a, b] : [b, a];
  const key = workspaceKey(moving.entry);
  const target = ownDefault(moving.profile, moving.entry);
  const movingIsParent = relation !== 'same' && (relation === 'a-inside-b') === (moving === b);
  let message: string;
  let fixHint: string;
  if (relation === 'same') {
    const what =
      a.entry.agent === 'default' && b.entry.agent === 'default'
        ? 'both use'
        : `${label(moving.profile, moving.entry)} and ${label(staying.profile, staying.entry)} are both`;
    message = `${moving.profile.name} and ${staying.profile.name} share a workspace: ${what} ${show(moving.entry.path)}`;
    fixHint = `Give ${label(moving.profile, moving.entry)} its own dir ${show(target)}, starting from a copy of the shared files, and pin ${key} there.`;
  } else {
    const [child, parent] = movingIsParent ? [staying, moving] : [moving, staying];
    message = `${moving.profile.name} and ${staying.profile.name} share a workspace: ${label(child.profile, child.entry)} ${show(child.entry.path)} lies inside ${label(parent.profile, parent.entry)} ${show(parent.entry.path)}`;
    fixHint = movingIsParent
      ? `Give ${label(moving.profile, moving.entry)} its own dir ${show(target)} and move its files there from ${show(moving.entry.path)}, leaving ${staying.profile.name}'s ${show(staying.entry.path)} where it is.`
      : `Give ${label(moving.profile, moving.entry)} its own dir ${show(target)} (its files are copied there), then remove ${show(moving.entry.path)} from ${staying.profile.name}'s workspace.`;
  }
  return {
    severity: 'error',
    profile: moving.profile.name,
    message,
    path: key,
    fixHint,
    ...fixOf(() => workspaceFix(context, moving.profile, moving.entry, target, movingIsParent ? null : moving.entry.path)),
    profiles: [staying.profile.name, moving.profile.name],
    evidence: {
      relation: relation === 'same' ? 'same' : 'nested',
      ...(relation === 'same'
        ? {}
        : {
            nested: movingIsParent ? { inner: staying.profile.name, outer: moving.profile.name } : { inner: moving.profile.name, outer: staying.profile.name },
          }),
      workspaces: {
        [staying.profile.name]: { agent: staying.entry.agent, path: staying.entry.path, source: staying.entry.source },
        [moving.profile.name]: { agent: moving.entry.agent, path: moving.entry.path, source: moving.entry.source },
      },
      suggestedWorkspace: target,
    },
  };
}

/** Before 2026.8 a named profile's default workspace was `~/.openclaw/workspace-<p>`, inside the default profile's state dir. */
function isLegacyDefault(profile: Profile, entry: WorkspaceEntry, owner: Profile): boolean {
  return owner.name === DEFAULT_PROFILE && entry.agent === 'default' && entry.path === path.join(owner.stateDir, `workspace-${profile.openclawName}`);
}

function insideStateDirFinding(context: CheckContext, profile: Profile, entry: WorkspaceEntry, owner: Profile): FindingDraft {
  const home = context.model.invocation.home;
  const show = (file: string) => tildePath(home, file);
  const key = workspaceKey(entry);
  const target = ownDefault(profile, entry);
  const legacy = isLegacyDefault(profile, entry, owner);
  return {
    severity: 'warning',
    profile: profile.name,
    message: legacy
      ? `${label(profile, entry)} ${show(entry.path)} lies inside ${owner.name}'s state dir ${show(owner.stateDir)}, where OpenClaw before 2026.8 put named profiles' workspaces, so ${owner.name}'s backups and cleanups touch it`
      : `${label(profile, entry)} ${show(entry.path)} lies inside ${owner.name}'s state dir ${show(owner.stateDir)}, so ${owner.name}'s backups and cleanups touch it`,
    path: key,
    fixHint: `Copy it to ${show(target)} and pin ${key} there${legacy ? ' (the pin also keeps a pre-2026.8 release from going back to the old default)' : ''}, then remove ${show(entry.path)} once ${profile.name} runs from the new place.`,
    ...fixOf(() => workspaceFix(context, profile, entry, target, entry.path)),
    profiles: [owner.name, profile.name],
    evidence: {
      workspace: entry.path,
      source: entry.source,
      insideStateDirOf: owner.name,
      stateDir: owner.stateDir,
      layout: legacy ? 'pre-2026.8 default for named profiles' : null,
      suggestedWorkspace: target,
    },
  };
}

/**
 * The pairs of profiles with at least one workspace each that are the same or nested, in profile order: every
 * other pair has nothing to report, and finding them by index keeps a host of thousands of profiles linear.
 */
function clashingPairs(context: CheckContext): Array<[Profile, Profile]> {
  const profiles = context.profiles;
  const entries = profiles.flatMap((profile, order) => profile.workspaces.map((entry) => ({ order, entry })));
  const pairs = new Set<number>();
  for (const [x, y] of relatedPaths(
    entries.map((item) => real(context, item.entry.path)),
    true,
  )) {
    const [i, j] = [entries[x]!.order, entries[y]!.order].sort((p, q) => p - q);
    if (i !== j) pairs.add(i! * profiles.length + j!);
  }
  return [...pairs].sort((p, q) => p - q).map((key) => [profiles[Math.floor(key / profiles.length)]!, profiles[key % profiles.length]!]);
}

/** The profiles in order whose state dir could hold a path: those whose real state dir is one of its dirs. */
function stateDirIndex(context: CheckContext): { around(file: string): Profile[] } {
  const byDir = new Map<string, number[]>();
  context.profiles.forEach((profile, order) => {
    const dir = path.resolve(real(context, profile.stateDir));
    const orders = byDir.get(dir);
    if (orders) orders.push(order);
    else byDir.set(dir, [order]);
  });
  return {
    around(file) {
      const orders = [...ancestorsOf(file)].flatMap((dir) => byDir.get(dir) ?? []);
      return orders.sort((p, q) => p - q).map((order) => context.profiles[order]!);
    },
  };
}

export default defineCheck({
  id: 'paths/shared-workspace',
  title: "Every profile has its own workspaces, none inside another profile's workspace or state dir",
  scope: 'host',
  looksAt: 'the real paths of every workspace (agents.defaults.workspace, per agent, OPENCLAW_WORKSPACE_DIR) and of every state dir',
  run(context) {
    const findings: FindingDraft[] = [];
    const profiles = context.profiles;
    const clashing = new Set<WorkspaceEntry>();
    for (const [a, b] of clashingPairs(context)) {
      const defaultsClash = (profile: Profile, other: Profile) => {
        const own = profile.workspaces.find((entry) => entry.agent === 'default');
        return own !== undefined && other.workspaces.some((entry) => relationOf(context, own, entry) !== null);
      };
      const skipDerivedA = defaultsClash(a, b);
      const skipDerivedB = defaultsClash(b, a);
      for (const entryA of a.workspaces) {
        if (skipDerivedA && isDerived(entryA)) continue;
        for (const entryB of b.workspaces) {
          if (skipDerivedB && isDerived(entryB)) continue;
          const relation = relationOf(context, entryA, entryB);
          if (!relation) continue;
          clashing.add(entryA).add(entryB);
          findings.push(sharedWorkspaceFinding(context, { profile: a, entry: entryA }, { profile: b, entry: entryB }, relation));
        }
      }
    }
    const stateDirs = stateDirIndex(context);
    for (const profile of profiles) {
      const ownState = real(context, profile.stateDir);
      const defaultEntry = profile.workspaces.find((entry) => entry.agent === 'default');
      for (const entry of profile.workspaces) {
        if (clashing.has(entry)) continue;
        const workspace = real(context, entry.path);
        const owner = stateDirs.around(workspace).find((other) => {
          if (other === profile) return false;
          const otherState = real(context, other.stateDir);
          // A state dir shared with or nested in this profile's own is paths/shared-state-dir's finding.
          if (otherState === ownState || inside(ownState, otherState) || inside(otherState, ownState)) return false;
          return inside(workspace, otherState);
        });
        if (!owner) continue;
        // An agent workspace under a default workspace that is already reported moves with it.
        if (
          isDerived(entry) &&
          defaultEntry &&
          findings.some((finding) => finding.profile === profile.name && finding.evidence.workspace === defaultEntry.path)
        )
          continue;
        findings.push(insideStateDirFinding(context, profile, entry, owner));
      }
    }
    return findings;
  },
});
