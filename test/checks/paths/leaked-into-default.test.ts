import { describe, expect, it } from 'vitest';
import check from '../../../checks/paths/leaked-into-default.js';
import { healthyMainRescue, model, runCheck } from '../../support/model-builder.js';
import { checkIdOf } from '../../support/check-id.js';

const DEFAULT_DIR = '/home/op/.openclaw';
const REASON = 'it has no config, service or lock of its own: it holds only files other profiles left there (pre-2026.8 workspace-<p> dirs, tmp)';

describe(checkIdOf(import.meta.url), () => {
  it('has the id of its path', () => expect(check.id).toBe(checkIdOf(import.meta.url)));

  it('moves ~/.openclaw aside when it holds only leftovers no profile uses', () => {
    const context = healthyMainRescue()
      .stray({ path: DEFAULT_DIR, kind: 'leaked-into-default', holds: ['tmp', 'workspace-rescue'], reason: REASON })
      .context();
    expect(runCheck(check, context)).toEqual([
      {
        checkId: 'paths/leaked-into-default',
        severity: 'warning',
        profile: null,
        profiles: [],
        message: `${DEFAULT_DIR} is not a default profile: ${REASON} (holds tmp, workspace-rescue); a plain \`openclaw\` would start a fresh default profile on top of it`,
        fixHint: 'Nothing uses these files now: move the dir aside (nothing is deleted) and copy back what you still want into the profile it came from.',
        fix: { commands: [`mv ${DEFAULT_DIR} ${DEFAULT_DIR}.stray-20261125`] },
        evidence: { path: DEFAULT_DIR, holds: ['tmp', 'workspace-rescue'], reason: REASON, movable: true },
      },
    ]);
  });

  it('moves nothing while a profile still uses its workspace-<p> inside ~/.openclaw', () => {
    const context = model()
      .profile('rescue', { port: 19789, workspace: '/home/op/.openclaw/workspace-rescue' })
      .stray({ path: DEFAULT_DIR, kind: 'leaked-into-default', holds: ['workspace-rescue'], reason: REASON })
      .context();
    const [finding] = runCheck(check, context);
    expect(finding?.fix).toBeUndefined();
    expect(finding?.evidence.movable).toBe(false);
  });

  it('stays silent when ~/.openclaw is a profile of its own', () => {
    expect(runCheck(check, healthyMainRescue().context())).toEqual([]);
  });
});
