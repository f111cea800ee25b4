import { describe, expect, it } from 'vitest';
import check from '../../../checks/paths/shared-state-dir.js';
import { healthyMainRescue, model, runCheck } from '../../support/model-builder.js';
import { checkIdOf } from '../../support/check-id.js';

describe(checkIdOf(import.meta.url), () => {
  it('has the id of its path', () => expect(check.id).toBe(checkIdOf(import.meta.url)));

  it("fires for a state dir symlinked to another profile's, and replaces the link, not the running main", () => {
    const context = model()
      .profile('main', { port: 18789, services: [{}] })
      .profile('rescue', { port: 19789 })
      .symlink('/home/op/.openclaw-rescue', '/home/op/.openclaw-main')
      .gateway('main', 18789, 4100)
      .context();
    expect(runCheck(check, context)).toEqual([
      {
        checkId: 'paths/shared-state-dir',
        severity: 'error',
        profile: 'rescue',
        message: "rescue and main share a state dir: rescue's ~/.openclaw-rescue and main's ~/.openclaw-main are both ~/.openclaw-main",
        fixHint:
          "Replace the symlink ~/.openclaw-rescue with a dir of its own (the link is moved aside; nothing of main's is touched); to start rescue from main's settings, copy openclaw.json over and give it its own gateway.port and workspace.",
        fix: { commands: ['mv /home/op/.openclaw-rescue /home/op/.openclaw-rescue.link-20261125T000000', 'mkdir -m 700 /home/op/.openclaw-rescue'] },
        profiles: ['main', 'rescue'],
        evidence: {
          relation: 'same',
          stateDirs: { main: '/home/op/.openclaw-main', rescue: '/home/op/.openclaw-rescue' },
          realPaths: { main: '/home/op/.openclaw-main', rescue: '/home/op/.openclaw-main' },
          cause: '~/.openclaw-rescue is a symlink to ~/.openclaw-main',
        },
      },
    ]);
  });

  it("fires for a service that puts rescue's state inside the default profile's, and reinstalls that service", () => {
    const stateDir = '/home/op/.openclaw/rescue';
    const context = model()
      .profile('default', { port: 18789 })
      .profile('rescue', { port: 19789, stateDir, services: [{ env: { OPENCLAW_PROFILE: 'rescue', OPENCLAW_STATE_DIR: stateDir } }] })
      .context();
    expect(runCheck(check, context)).toEqual([
      {
        checkId: 'paths/shared-state-dir',
        severity: 'error',
        profile: 'rescue',
        message: "rescue and default share a state dir: rescue's ~/.openclaw/rescue lies inside default's ~/.openclaw",
        fixHint:
          "Reinstall rescue's service from its profile so it runs on ~/.openclaw-rescue; until now its sessions and credentials were written to ~/.openclaw/rescue, copy what it still needs first.",
        fix: { commands: ['openclaw --profile rescue gateway install --force', 'systemctl --user restart openclaw-gateway-rescue.service'] },
        profiles: ['default', 'rescue'],
        evidence: {
          relation: 'nested',
          nested: { inner: 'rescue', outer: 'default' },
          stateDirs: { default: '/home/op/.openclaw', rescue: stateDir },
          realPaths: { default: '/home/op/.openclaw', rescue: stateDir },
          cause: 'OPENCLAW_STATE_DIR in openclaw-gateway-rescue.service',
        },
      },
    ]);
  });

  it("tells the shell to drop OPENCLAW_STATE_DIR when it points inside another profile's state dir", () => {
    const context = model()
      .env({ OPENCLAW_STATE_DIR: '/home/op/.openclaw/work' })
      .profile('default', { port: 18789 })
      .profile('env:default', {
        port: 18789,
        stateDir: '/home/op/.openclaw/work',
        envSelected: true,
        envProfileName: 'default',
        openclawName: 'default',
        origin: { kind: 'shell' },
        foundIn: ['env'],
      })
      .context();
    expect(runCheck(check, context).map((finding) => [finding.profile, finding.fix?.commands])).toEqual([
      ['env:default', ['unset OPENCLAW_STATE_DIR OPENCLAW_CONFIG_PATH']],
    ]);
  });

  it('stays silent on the healthy main + rescue host, also when the home dir is behind a symlink', () => {
    expect(runCheck(check, healthyMainRescue().context())).toEqual([]);
    const linkedHome = healthyMainRescue()
      .symlink('/home/op/.openclaw-main', '/data/op/.openclaw-main')
      .symlink('/home/op/.openclaw-rescue', '/data/op/.openclaw-rescue')
      .context();
    expect(runCheck(check, linkedHome)).toEqual([]);
  });
});
