import { describe, expect, it } from 'vitest';
import check from '../../../checks/paths/shared-config.js';
import { model, runCheck } from '../../support/model-builder.js';
import { checkIdOf } from '../../support/check-id.js';

describe(checkIdOf(import.meta.url), () => {
  it('has the id of its path', () => expect(check.id).toBe(checkIdOf(import.meta.url)));

  it('fires for two profiles whose configs are one file behind a symlink', () => {
    const context = model()
      .profile('main', { port: 18789 })
      .profile('rescue', { port: 19789, configPath: '/home/op/bots/openclaw.json' })
      .symlink('/home/op/bots/openclaw.json', '/home/op/.openclaw-main/openclaw.json')
      .context();
    expect(runCheck(check, context)).toEqual([
      {
        checkId: 'paths/shared-config',
        severity: 'error',
        profile: 'rescue',
        message: 'rescue and main read the same config: both use ~/.openclaw-main/openclaw.json',
        fixHint: 'Copy the file to /home/op/.openclaw-rescue/openclaw.json, change its gateway.port and workspace, and unset OPENCLAW_CONFIG_PATH for rescue.',
        fix: { commands: ['cp /home/op/.openclaw-main/openclaw.json /home/op/.openclaw-rescue/openclaw.json', 'openclaw --profile rescue config get gateway.port'] },
        evidence: { profiles: ['main', 'rescue'], configPath: '/home/op/.openclaw-main/openclaw.json', realPath: '/home/op/.openclaw-main/openclaw.json' },
      },
    ]);
  });

  it('stays silent for separate configs', () => {
    expect(runCheck(check, model().profile('main', { port: 18789 }).profile('rescue', { port: 19789 }).context())).toEqual([]);
  });
});
