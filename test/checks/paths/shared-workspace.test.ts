import { describe, expect, it } from 'vitest';
import check from '../../../checks/paths/shared-workspace.js';
import { healthyMainRescue, model, runCheck } from '../../support/model-builder.js';
import { checkIdOf } from '../../support/check-id.js';

const SHARED = '/home/op/bots/workspace';
const pinned = { workspace: SHARED, workspaceSource: 'agents.defaults.workspace' };

describe(checkIdOf(import.meta.url), () => {
  it('has the id of its path', () => expect(check.id).toBe(checkIdOf(import.meta.url)));

  it('fires for one workspace pinned by two profiles, and copies it for the stopped one', () => {
    const context = model()
      .profile('main', { port: 18789, ...pinned })
      .profile('rescue', { port: 19789, ...pinned })
      .gateway('main', 18789, 4100)
      .context();
    expect(runCheck(check, context)).toEqual([
      {
        checkId: 'paths/shared-workspace',
        severity: 'error',
        profile: 'rescue',
        message: 'rescue and main share a workspace: both use ~/bots/workspace',
        path: 'agents.defaults.workspace',
        fixHint:
          "Give rescue's workspace its own dir ~/.openclaw-rescue/workspace, starting from a copy of the shared files, and pin agents.defaults.workspace there.",
        fix: {
          commands: [
            'mkdir -p /home/op/.openclaw-rescue/workspace',
            'cp -a /home/op/bots/workspace/. /home/op/.openclaw-rescue/workspace/',
            'openclaw --profile rescue config set agents.defaults.workspace /home/op/.openclaw-rescue/workspace',
          ],
        },
        profiles: ['main', 'rescue'],
        evidence: {
          relation: 'same',
          workspaces: {
            main: { agent: 'default', path: SHARED, source: 'agents.defaults.workspace' },
            rescue: { agent: 'default', path: SHARED, source: 'agents.defaults.workspace' },
          },
          suggestedWorkspace: '/home/op/.openclaw-rescue/workspace',
        },
      },
    ]);
  });

  it("warns about the pre-2026.8 ~/.openclaw/workspace-<p> inside the default profile's state dir", () => {
    const legacy = '/home/op/.openclaw/workspace-rescue';
    const context = model()
      .profile('default', { port: 18789, services: [{}] })
      .profile('rescue', { port: 19789, services: [{}], workspace: legacy, workspaceSource: 'agents.defaults.workspace' })
      .gateway('default', 18789, 4100)
      .gateway('rescue', 19789, 4200)
      .context();
    expect(runCheck(check, context)).toEqual([
      {
        checkId: 'paths/shared-workspace',
        severity: 'warning',
        profile: 'rescue',
        message:
          "rescue's workspace ~/.openclaw/workspace-rescue lies inside default's state dir ~/.openclaw, where OpenClaw before 2026.8 put named profiles' workspaces, so default's backups and cleanups touch it",
        path: 'agents.defaults.workspace',
        fixHint:
          'Copy it to ~/.openclaw-rescue/workspace and pin agents.defaults.workspace there (the pin also keeps a pre-2026.8 release from going back to the old default), then remove ~/.openclaw/workspace-rescue once rescue runs from the new place.',
        fix: {
          commands: [
            'mkdir -p /home/op/.openclaw-rescue/workspace',
            'cp -a /home/op/.openclaw/workspace-rescue/. /home/op/.openclaw-rescue/workspace/',
            'openclaw --profile rescue config set agents.defaults.workspace /home/op/.openclaw-rescue/workspace',
            'systemctl --user restart openclaw-gateway-rescue.service',
          ],
        },
        profiles: ['default', 'rescue'],
        evidence: {
          workspace: legacy,
          source: 'agents.defaults.workspace',
          insideStateDirOf: 'default',
          stateDir: '/home/op/.openclaw',
          layout: 'pre-2026.8 default for named profiles',
          suggestedWorkspace: '/home/op/.openclaw-rescue/workspace',
        },
      },
    ]);
  });

  it("moves the child out of the parent, or only re-pins the parent when the child's gateway runs", () => {
    const child = model()
      .profile('main', { port: 18789 })
      .profile('rescue', { port: 19789, workspace: '/home/op/.openclaw-main/workspace/rescue', workspaceSource: 'agents.defaults.workspace' })
      .context();
    expect(runCheck(check, child).map((finding) => [finding.profile, finding.severity, finding.message, finding.fix?.commands])).toEqual([
      [
        'rescue',
        'error',
        "rescue and main share a workspace: rescue's workspace ~/.openclaw-main/workspace/rescue lies inside main's workspace ~/.openclaw-main/workspace",
        [
          'mkdir -p /home/op/.openclaw-rescue/workspace',
          'cp -a /home/op/.openclaw-main/workspace/rescue/. /home/op/.openclaw-rescue/workspace/',
          'openclaw --profile rescue config set agents.defaults.workspace /home/op/.openclaw-rescue/workspace',
        ],
      ],
    ]);
    const parent = model()
      .profile('main', { port: 18789, ...pinned })
      .profile('rescue', { port: 19789, workspace: `${SHARED}/rescue`, workspaceSource: 'agents.defaults.workspace' })
      .gateway('rescue', 19789, 4200)
      .context();
    expect(runCheck(check, parent).map((finding) => [finding.profile, finding.fixHint, finding.fix?.commands])).toEqual([
      [
        'main',
        "Give main's workspace its own dir ~/.openclaw-main/workspace and move its files there from ~/bots/workspace, leaving rescue's ~/bots/workspace/rescue where it is.",
        ['mkdir -p /home/op/.openclaw-main/workspace', 'openclaw --profile main config set agents.defaults.workspace /home/op/.openclaw-main/workspace'],
      ],
    ]);
  });

  it("reports agent workspaces derived from a shared default once, and an agent's own pinned workspace on its own key", () => {
    const derived = model()
      .profile('main', { port: 18789, ...pinned, agents: [{ id: 'ops' }] })
      .profile('rescue', { port: 19789, ...pinned })
      .context();
    expect(runCheck(check, derived).map((finding) => finding.path)).toEqual(['agents.defaults.workspace']);
    const agent = model()
      .profile('main', { port: 18789, agents: [{ id: 'ops', workspace: '/home/op/.openclaw-rescue/workspace' }] })
      .profile('rescue', { port: 19789 })
      .context();
    expect(runCheck(check, agent).map((finding) => [finding.profile, finding.path, finding.fix?.commands.at(-1)])).toEqual([
      ['main', 'agents.entries.ops.workspace', 'openclaw --profile main config set agents.entries.ops.workspace /home/op/.openclaw-main/workspace-ops'],
    ]);
  });

  it('stays silent on the healthy main + rescue host, with per-agent workspaces in their own state dirs', () => {
    expect(runCheck(check, healthyMainRescue().context())).toEqual([]);
    const agents = model()
      .profile('default', { port: 18789, agents: [{ id: 'ops' }] })
      .profile('rescue', { port: 19789, agents: [{ id: 'ops' }] })
      .context();
    expect(runCheck(check, agents)).toEqual([]);
  });
});
