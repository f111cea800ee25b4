import { describe, expect, it } from 'vitest';
import check from '../../../checks/env/profile-split.js';
import { healthyMainRescue, model, runCheck } from '../../support/model-builder.js';
import { checkIdOf } from '../../support/check-id.js';

describe(checkIdOf(import.meta.url), () => {
  it('has the id of its path', () => expect(check.id).toBe(checkIdOf(import.meta.url)));

  it('fires for OPENCLAW_PROFILE without OPENCLAW_STATE_DIR: the split identity', () => {
    const context = model().env({ OPENCLAW_PROFILE: 'rescue' }).profile('default', { port: 18789, envSelected: true, envProfileName: 'rescue' }).context();
    expect(runCheck(check, context)).toEqual([
      {
        checkId: 'env/profile-split',
        severity: 'warning',
        profile: 'default',
        profiles: ['default'],
        message:
          "OPENCLAW_PROFILE=rescue is set in this shell without OPENCLAW_STATE_DIR, so plain `openclaw` commands use default's state and config in ~/.openclaw but rescue's port, service name and workspace",
        fixHint:
          'Only the --profile flag moves state and config: unset OPENCLAW_PROFILE (and remove its export from your shell rc file), then say `openclaw --profile rescue`.',
        fix: { commands: ['unset OPENCLAW_PROFILE', 'openclaw --profile rescue status'] },
        evidence: { OPENCLAW_PROFILE: 'rescue', OPENCLAW_STATE_DIR: null, stateDir: '/home/op/.openclaw' },
      },
    ]);
  });

  it("fires when the shell names one profile and points OPENCLAW_STATE_DIR at another's files", () => {
    const context = model()
      .env({ OPENCLAW_PROFILE: 'rescue', OPENCLAW_STATE_DIR: '/home/op/.openclaw-main' })
      .profile('main', { port: 18789, envSelected: true, envProfileName: 'rescue' })
      .profile('rescue', { port: 19789 })
      .context();
    expect(runCheck(check, context).map((finding) => [finding.profile, finding.message, finding.fix?.commands])).toEqual([
      [
        'main',
        "this shell sets OPENCLAW_PROFILE=rescue but OPENCLAW_STATE_DIR points at main's state dir ~/.openclaw-main, so plain `openclaw` commands mix rescue's port and workspace with those files",
        ['unset OPENCLAW_PROFILE OPENCLAW_STATE_DIR OPENCLAW_CONFIG_PATH'],
      ],
    ]);
  });

  it('fires for a shell port that every profile would use', () => {
    const context = model()
      .env({ OPENCLAW_GATEWAY_PORT: '19789' })
      .profile('main', { port: 18789, cliPort: 19789, cliPortSource: 'env' })
      .profile('rescue', { port: 19789, cliPort: 19789, cliPortSource: 'env' })
      .context();
    expect(runCheck(check, context).map((finding) => [finding.profile, finding.message, finding.fix?.commands])).toEqual([
      [
        null,
        "OPENCLAW_GATEWAY_PORT=19789 is set in this shell, so every openclaw command from it, for every profile, talks to that port instead of main's 18789",
        ['unset OPENCLAW_GATEWAY_PORT'],
      ],
    ]);
  });

  it("fires for a service whose OPENCLAW_PROFILE disagrees with the state dir it runs on, and rewrites that service from its data's profile", () => {
    const context = model()
      .profile('main', {
        port: 19789,
        portSource: 'flag',
        services: [
          { name: 'openclaw-gateway-rescue.service', portArg: 19789, env: { OPENCLAW_PROFILE: 'rescue', OPENCLAW_STATE_DIR: '/home/op/.openclaw-main' } },
        ],
      })
      .profile('rescue', { port: 29789 })
      .context();
    expect(runCheck(check, context).map((finding) => [finding.profile, finding.message, finding.fix?.commands])).toEqual([
      [
        'main',
        "openclaw-gateway-rescue.service sets OPENCLAW_PROFILE=rescue but runs on main's state dir ~/.openclaw-main, so the gateway it starts has main's data with rescue's port, service name and workspace defaults",
        [
          'openclaw --profile main gateway install --force --port 19789',
          'systemctl --user disable --now openclaw-gateway-rescue.service',
          'systemctl --user restart openclaw-gateway-main.service',
        ],
      ],
    ]);
  });

  it('stays silent on the healthy main + rescue host with a clean shell, and for OPENCLAW_PROFILE=default', () => {
    expect(runCheck(check, healthyMainRescue().context())).toEqual([]);
    const named = model()
      .env({ OPENCLAW_PROFILE: 'Default' })
      .profile('default', { port: 18789, envSelected: true, services: [{ env: { OPENCLAW_PROFILE: 'default' } }] })
      .context();
    expect(runCheck(check, named)).toEqual([]);
  });
});
