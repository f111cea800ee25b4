import { describe, expect, it } from 'vitest';
import check from '../../../checks/paths/shared-state-dir.js';
import { model, runCheck } from '../../support/model-builder.js';
import { checkIdOf } from '../../support/check-id.js';

describe(checkIdOf(import.meta.url), () => {
  it('has the id of its path', () => expect(check.id).toBe(checkIdOf(import.meta.url)));

  it('fires when a service points a second profile at the first one\'s state dir', () => {
    const context = model().profile('main', { port: 18789 }).profile('rescue', { port: 19789, stateDir: '/home/op/.openclaw-main', services: [{}] }).gateway('main', 18789, 4100).context();
    expect(runCheck(check, context)).toEqual([
      {
        checkId: 'paths/shared-state-dir',
        severity: 'error',
        profile: 'rescue',
        message: 'rescue and main share a state dir: both use ~/.openclaw-main',
        fixHint: 'Run rescue with its own state dir: `openclaw --profile rescue` uses /home/op/.openclaw-rescue; remove OPENCLAW_STATE_DIR from its service or shell if it points elsewhere.',
        fix: { commands: ['openclaw --profile rescue gateway install --force', 'systemctl --user restart openclaw-gateway-rescue.service'] },
        evidence: {
          profiles: ['main', 'rescue'],
          stateDirs: { main: '/home/op/.openclaw-main', rescue: '/home/op/.openclaw-main' },
          relation: 'same',
          foundIn: { main: ['state-dir'], rescue: ['state-dir'] },
        },
      },
    ]);
  });

  it('compares real paths: a symlinked state dir is the same dir', () => {
    const context = model().profile('main', { port: 18789 }).profile('rescue', { port: 19789 }).symlink('/home/op/.openclaw-rescue', '/home/op/.openclaw-main').context();
    expect(runCheck(check, context).map((finding) => finding.message)).toEqual(['rescue and main share a state dir: both use ~/.openclaw-main']);
  });

  it('stays silent for separate state dirs', () => {
    expect(runCheck(check, model().profile('main', { port: 18789 }).profile('rescue', { port: 19789 }).context())).toEqual([]);
  });
});
