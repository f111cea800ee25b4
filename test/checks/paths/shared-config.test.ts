import { describe, expect, it } from 'vitest';
import check from '../../../checks/paths/shared-config.js';
import { healthyMainRescue, model, runCheck } from '../../support/model-builder.js';
import { checkIdOf } from '../../support/check-id.js';

const MAIN_CONFIG = '/home/op/.openclaw-main/openclaw.json';

describe(checkIdOf(import.meta.url), () => {
  it('has the id of its path', () => expect(check.id).toBe(checkIdOf(import.meta.url)));

  it("fires for a service that points rescue at main's config, and splits it off with a copy", () => {
    const context = model()
      .profile('main', { port: 18789 })
      .profile('rescue', { port: 19789, configPath: MAIN_CONFIG, services: [{ env: { OPENCLAW_PROFILE: 'rescue', OPENCLAW_CONFIG_PATH: MAIN_CONFIG } }] })
      .gateway('main', 18789, 4100)
      .context();
    expect(runCheck(check, context)).toEqual([
      {
        checkId: 'paths/shared-config',
        severity: 'error',
        profile: 'rescue',
        message: 'rescue and main read the same config file ~/.openclaw-main/openclaw.json',
        fixHint:
          "Copy the file to ~/.openclaw-rescue/openclaw.json and reinstall rescue's service from its profile so it reads that copy; then give the copy its own gateway.port and workspace (until the split, every `config set` for one changes both).",
        fix: {
          commands: [
            'cp -n /home/op/.openclaw-main/openclaw.json /home/op/.openclaw-rescue/openclaw.json',
            'openclaw --profile rescue gateway install --force',
            'systemctl --user restart openclaw-gateway-rescue.service',
          ],
        },
        profiles: ['main', 'rescue'],
        evidence: {
          configPaths: { main: MAIN_CONFIG, rescue: MAIN_CONFIG },
          realPath: MAIN_CONFIG,
          cause: 'OPENCLAW_CONFIG_PATH in openclaw-gateway-rescue.service',
        },
      },
    ]);
  });

  it('replaces a symlinked config with a copy, whichever profile runs', () => {
    const context = model()
      .profile('main', { port: 18789 })
      .profile('rescue', { port: 19789 })
      .symlink('/home/op/.openclaw-rescue/openclaw.json', MAIN_CONFIG)
      .gateway('rescue', 19789, 4200)
      .context();
    expect(runCheck(check, context).map((finding) => [finding.profile, finding.message, finding.fix?.commands])).toEqual([
      [
        'rescue',
        "rescue and main read the same config file: rescue's ~/.openclaw-rescue/openclaw.json is ~/.openclaw-main/openclaw.json",
        [
          'mv /home/op/.openclaw-rescue/openclaw.json /home/op/.openclaw-rescue/openclaw.json.link-20261125T000000',
          `cp ${MAIN_CONFIG} /home/op/.openclaw-rescue/openclaw.json`,
          'openclaw --profile rescue gateway restart',
        ],
      ],
    ]);
  });

  it("leaves a config reached through a symlinked state dir to that dir's split: no copy onto main's own file", () => {
    const context = model()
      .profile('main', { port: 18789 })
      .profile('rescue', { port: 18789 })
      .symlink('/home/op/.openclaw-rescue', '/home/op/.openclaw-main')
      .symlink('/home/op/.openclaw-rescue/openclaw.json', MAIN_CONFIG)
      .gateway('main', 18789, 4100)
      .context();
    expect(runCheck(check, context).map((finding) => [finding.profile, finding.fix, finding.evidence.cause, finding.fixHint])).toEqual([
      [
        'rescue',
        undefined,
        '~/.openclaw-rescue is a symlink to ~/.openclaw-main',
        'Give rescue a state dir of its own (paths/shared-state-dir replaces the symlink ~/.openclaw-rescue); then copy ~/.openclaw-main/openclaw.json into it if rescue should start from these settings, and give the copy its own gateway.port and workspace (until the split, every `config set` for one changes both).',
      ],
    ]);
  });

  it('stays silent on the healthy main + rescue host, also when the home dir is behind a symlink', () => {
    expect(runCheck(check, healthyMainRescue().context())).toEqual([]);
    const linkedHome = healthyMainRescue()
      .symlink(MAIN_CONFIG, '/data/op/.openclaw-main/openclaw.json')
      .symlink('/home/op/.openclaw-rescue/openclaw.json', '/data/op/.openclaw-rescue/openclaw.json')
      .context();
    expect(runCheck(check, linkedHome)).toEqual([]);
  });
});
