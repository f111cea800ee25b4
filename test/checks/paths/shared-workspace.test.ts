import { describe, expect, it } from 'vitest';
import check from '../../../checks/paths/shared-workspace.js';
import { model, runCheck } from '../../support/model-builder.js';
import { checkIdOf } from '../../support/check-id.js';

describe(checkIdOf(import.meta.url), () => {
  it('has the id of its path', () => expect(check.id).toBe(checkIdOf(import.meta.url)));

  it('fires for nested workspaces', () => {
    const context = model().profile('main', { port: 18789, workspace: '/home/op/bots/ws' }).profile('rescue', { port: 19789, workspace: '/home/op/bots/ws/rescue' }).context();
    expect(runCheck(check, context)).toEqual([
      {
        checkId: 'paths/shared-workspace',
        severity: 'error',
        profile: 'rescue',
        message: "rescue and main share a workspace: rescue's ~/bots/ws/rescue lies inside main's ~/bots/ws",
        path: 'agents.defaults.workspace',
        fixHint: 'Give rescue its own workspace, e.g. /home/op/.openclaw-rescue/workspace, and move its files there.',
        fix: { commands: ['openclaw --profile rescue config set agents.defaults.workspace /home/op/.openclaw-rescue/workspace'] },
        evidence: { profiles: ['main', 'rescue'], relation: 'b-inside-a', workspaces: { main: '/home/op/bots/ws', rescue: '/home/op/bots/ws/rescue' } },
      },
    ]);
  });

  it('warns about the pre-2026.8 ~/.openclaw/workspace-<p> inside the default profile\'s state dir', () => {
    const context = model().profile('default', { port: 18789 }).profile('rescue', { port: 19789, workspace: '/home/op/.openclaw/workspace-rescue' }).context();
    expect(runCheck(check, context)).toEqual([
      {
        checkId: 'paths/shared-workspace',
        severity: 'warning',
        profile: 'rescue',
        message: "rescue's workspace /home/op/.openclaw/workspace-rescue lies inside default's state dir /home/op/.openclaw (the pre-2026.8 default for named profiles): backups, resets and cleanups of default touch it",
        path: 'agents.defaults.workspace',
        fixHint: "Move it under rescue's own state dir and pin it there.",
        fix: { commands: ['mv /home/op/.openclaw/workspace-rescue /home/op/.openclaw-rescue/workspace', 'openclaw --profile rescue config set agents.defaults.workspace /home/op/.openclaw-rescue/workspace'] },
        evidence: { profiles: ['default', 'rescue'], workspace: '/home/op/.openclaw/workspace-rescue', source: '<stateDir>/workspace', insideStateDirOf: 'default' },
      },
    ]);
  });

  it('stays silent when each profile works in its own state dir', () => {
    expect(runCheck(check, model().profile('default', { port: 18789 }).profile('rescue', { port: 19789 }).context())).toEqual([]);
  });
});
