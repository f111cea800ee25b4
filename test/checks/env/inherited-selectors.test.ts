import { describe, expect, it } from 'vitest';
import check from '../../../checks/env/inherited-selectors.js';
import { healthyMainRescue, model, runCheck } from '../../support/model-builder.js';
import { checkIdOf } from '../../support/check-id.js';

const brief = (findings: ReturnType<typeof runCheck>) => findings.map((finding) => [finding.profile, finding.severity, finding.message, finding.fix?.commands]);

describe(checkIdOf(import.meta.url), () => {
  it('has the id of its path', () => expect(check.id).toBe(checkIdOf(import.meta.url)));

  it("fires when OPENCLAW_STATE_DIR is main's: `--profile rescue` acts on main, and restart would restart main (2026.9.6, measured)", () => {
    const context = model()
      .env({ HOME: '/home/op', OPENCLAW_STATE_DIR: '/home/op/.openclaw-main' })
      .profile('main', { port: 18789, envSelected: true })
      .profile('rescue', { port: 19789, cliPort: 18789 })
      .context();
    expect(runCheck(check, context)).toEqual([
      {
        checkId: 'env/inherited-selectors',
        severity: 'warning',
        profile: 'rescue',
        profiles: ['rescue'],
        message:
          "from this shell, `openclaw --profile rescue` acts on main's state dir ~/.openclaw-main (OPENCLAW_STATE_DIR), main's config ~/.openclaw-main/openclaw.json (OPENCLAW_STATE_DIR), main's port 18789 (test) instead of 19789: `openclaw --profile rescue gateway restart` would restart main's gateway, not rescue's",
        fixHint:
          'Inherited variables beat --profile: unset OPENCLAW_STATE_DIR in this shell and remove their exports from your shell rc file; select profiles with --profile only.',
        fix: { commands: ['unset OPENCLAW_STATE_DIR'] },
        evidence: {
          variables: { OPENCLAW_STATE_DIR: '/home/op/.openclaw-main' },
          ownStateDir: '/home/op/.openclaw-rescue',
          ownConfigPath: '/home/op/.openclaw-rescue/openclaw.json',
          ownPort: 19789,
          targetStateDir: '/home/op/.openclaw-main',
          targetConfigPath: '/home/op/.openclaw-main/openclaw.json',
          targetPort: 18789,
        },
      },
    ]);
  });

  it("fires for OPENCLAW_CONFIG_PATH and OPENCLAW_GATEWAY_PORT, naming each profile's effect and unsetting only the culprits", () => {
    const context = model()
      .env({ OPENCLAW_CONFIG_PATH: '/home/op/.openclaw-main/openclaw.json', OPENCLAW_GATEWAY_PORT: '18789' })
      .profile('main', { port: 18789, cliPort: 18789, cliPortSource: 'env' })
      .profile('rescue', { port: 19789, cliPort: 18789, cliPortSource: 'env' })
      .context();
    expect(brief(runCheck(check, context))).toEqual([
      [
        'rescue',
        'warning',
        "from this shell, `openclaw --profile rescue` acts on main's config ~/.openclaw-main/openclaw.json (OPENCLAW_CONFIG_PATH), main's port 18789 (OPENCLAW_GATEWAY_PORT) instead of 19789",
        ['unset OPENCLAW_CONFIG_PATH OPENCLAW_GATEWAY_PORT'],
      ],
    ]);
  });

  it("fires for OPENCLAW_PROFILE alone on plain `openclaw`, and for a service's unit name and a gateway URL left in the shell", () => {
    const context = model()
      .env({ OPENCLAW_PROFILE: 'rescue', OPENCLAW_SYSTEMD_UNIT: 'openclaw-gateway-rescue.service', OPENCLAW_GATEWAY_URL: 'ws://127.0.0.1:19789' })
      .profile('default', { port: 18789, envSelected: true })
      .profile('rescue', { port: 19789, services: [{}] })
      .context();
    expect(brief(runCheck(check, context))).toEqual([
      [
        'default',
        'warning',
        "from this shell, `openclaw` acts on rescue's port hash, service name and workspace default (OPENCLAW_PROFILE without OPENCLAW_STATE_DIR), rescue's unit openclaw-gateway-rescue.service for gateway restart/stop (OPENCLAW_SYSTEMD_UNIT), rescue's gateway at ws://127.0.0.1:19789 (OPENCLAW_GATEWAY_URL)",
        ['unset OPENCLAW_PROFILE OPENCLAW_GATEWAY_URL OPENCLAW_SYSTEMD_UNIT'],
      ],
    ]);
  });

  it('says where OPENCLAW_HOME moves every profile, as info', () => {
    const context = model().env({ HOME: '/home/other', OPENCLAW_HOME: '/home/op' }).profile('main', { port: 18789 }).context();
    expect(brief(runCheck(check, context))).toEqual([
      [
        null,
        'info',
        "OPENCLAW_HOME=/home/op is set in this shell, so every `openclaw --profile X` from it uses ~/.openclaw-X, not the one under HOME=/home/other; services are still looked up under the OS user's home",
        ['unset OPENCLAW_HOME'],
      ],
    ]);
  });

  it("stays silent with a clean shell, and with a service's own selectors copied into it (--profile then switches cleanly)", () => {
    expect(runCheck(check, healthyMainRescue().context())).toEqual([]);
    const serviceShell = healthyMainRescue()
      .env({
        OPENCLAW_PROFILE: 'main',
        OPENCLAW_STATE_DIR: '/home/op/.openclaw-main',
        OPENCLAW_CONFIG_PATH: '/home/op/.openclaw-main/openclaw.json',
        OPENCLAW_SYSTEMD_UNIT: 'openclaw-gateway-main.service',
      })
      .context();
    expect(runCheck(check, serviceShell)).toEqual([]);
  });
});
