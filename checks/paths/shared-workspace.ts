// Two profiles work in the same workspace (or one inside the other): agents overwrite each other's files.
import path from 'node:path';
import { defineCheck, type FindingDraft } from '../../src/checks/api.js';
import { profileToMove, real } from '../../src/checks/helpers.js';
import { describeRelation, inside, sharedPaths } from '../../src/checks/shared-paths.js';
import { configSet } from '../../src/fixes/commands.js';

function workspaceKey(agent: string): string {
  return agent === 'default' ? 'agents.defaults.workspace' : `agents.entries.${agent}.workspace`;
}

export default defineCheck({
  id: 'paths/shared-workspace',
  title: 'Every profile has its own workspaces, none inside another\'s',
  scope: 'host',
  looksAt: 'the real paths of every workspace (default and per agent) and of every state dir',
  run(context) {
    const home = context.model.invocation.home;
    const findings: FindingDraft[] = [];
    const pick = (profile: (typeof context.profiles)[number]) => profile.workspaces.map((entry) => ({ key: workspaceKey(entry.agent), path: entry.path }));
    for (const shared of sharedPaths(context, pick, true)) {
      const moving = profileToMove(context, shared.a, shared.b);
      const staying = moving === shared.a ? shared.b : shared.a;
      const mine = moving === shared.a ? shared.pathA : shared.pathB;
      const target = path.join(moving.stateDir, 'workspace');
      findings.push({
        severity: 'error',
        profile: moving.name,
        message: `${moving.name} and ${staying.name} share a workspace: ${describeRelation(shared, home)}`,
        path: mine.key,
        fixHint: `Give ${moving.name} its own workspace, e.g. ${target}, and move its files there.`,
        fix: { commands: [configSet(moving, mine.key, target)] },
        evidence: { profiles: [staying.name, moving.name], relation: shared.relation, workspaces: { [shared.a.name]: shared.pathA.path, [shared.b.name]: shared.pathB.path } },
      });
    }
    // Before 2026.8 a named profile's default workspace was ~/.openclaw/workspace-<p>, inside the default profile's state dir.
    for (const profile of context.profiles) {
      for (const entry of profile.workspaces) {
        const owner = context.profiles.find((other) => other !== profile && inside(real(context, entry.path), real(context, other.stateDir)));
        if (!owner) continue;
        const target = path.join(profile.stateDir, 'workspace');
        findings.push({
          severity: 'warning',
          profile: profile.name,
          message: `${profile.name}'s workspace ${entry.path} lies inside ${owner.name}'s state dir ${owner.stateDir} (the pre-2026.8 default for named profiles): backups, resets and cleanups of ${owner.name} touch it`,
          path: workspaceKey(entry.agent),
          fixHint: `Move it under ${profile.name}'s own state dir and pin it there.`,
          fix: { commands: [`mv ${entry.path} ${target}`, configSet(profile, workspaceKey(entry.agent), target)] },
          evidence: { profiles: [owner.name, profile.name], workspace: entry.path, source: entry.source, insideStateDirOf: owner.name },
        });
      }
    }
    return findings;
  },
});
