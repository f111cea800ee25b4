import { describe, expect, it } from 'vitest';
import check from '../../../checks/paths/stray-profile-dir.js';
import { healthyMainRescue, runCheck } from '../../support/model-builder.js';
import { checkIdOf } from '../../support/check-id.js';

const CHROME = '/home/op/.openclaw-chrome';

describe(checkIdOf(import.meta.url), () => {
  it('has the id of its path', () => expect(check.id).toBe(checkIdOf(import.meta.url)));

  it('moves a stray dir aside with a dated name, never deleting it', () => {
    const reason = '"chrome" is rarely a profile: it is what `--profile chrome` creates when `--browser-profile` or no flag was meant';
    const context = healthyMainRescue()
      .stray({ path: CHROME, kind: 'stray', holds: ['browser'], reason })
      .context();
    expect(runCheck(check, context)).toEqual([
      {
        checkId: 'paths/stray-profile-dir',
        severity: 'info',
        profile: null,
        profiles: [],
        message: `${CHROME} looks like a state dir but is not a profile: ${reason}`,
        fixHint: 'Move it aside (nothing is deleted); remove it once nothing missed it.',
        fix: { commands: [`mv ${CHROME} ${CHROME}.stray-20261125`] },
        evidence: { path: CHROME, holds: ['browser'], reason },
      },
    ]);
  });

  it("prints no move for a stray dir whose real path is another profile's state dir", () => {
    const context = healthyMainRescue()
      .symlink('/home/op/.openclaw-Rescue', '/home/op/.openclaw-rescue')
      .stray({ path: '/home/op/.openclaw-Rescue', kind: 'stray', holds: [], reason: 'case twin' })
      .context();
    const [finding] = runCheck(check, context);
    expect(finding?.fix).toBeUndefined();
  });

  it('stays silent without stray dirs', () => {
    expect(runCheck(check, healthyMainRescue().context())).toEqual([]);
  });
});
