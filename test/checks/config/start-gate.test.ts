import { describe, expect, it } from 'vitest';
import check from '../../../checks/config/start-gate.js';
import { healthyMainRescue, model, runCheck } from '../../support/model-builder.js';
import { checkIdOf } from '../../support/check-id.js';

describe(checkIdOf(import.meta.url), () => {
  it('has the id of its path', () => expect(check.id).toBe(checkIdOf(import.meta.url)));

  it("fires for a stopped profile with a service whose config has no gateway.mode, and sets it to local (2026.9.6's start gate)", () => {
    const context = model()
      .profile('rescue', { port: 19789, services: [{}], config: { gateway: { port: 19789 } } })
      .context();
    expect(runCheck(check, context)).toEqual([
      {
        checkId: 'config/start-gate',
        severity: 'warning',
        profile: 'rescue',
        profiles: ['rescue'],
        path: 'gateway.mode',
        message:
          'rescue\'s gateway will refuse to start: its config has no gateway.mode, and OpenClaw 2026.9 starts a gateway only with gateway.mode=local unless it is given --allow-unconfigured ("Gateway start blocked")',
        fixHint: "Set gateway.mode to local in rescue's config (a remote-mode profile should not run a gateway: remove its service instead).",
        fix: { commands: ['openclaw --profile rescue config set gateway.mode local'] },
        evidence: {
          configPath: '/home/op/.openclaw-rescue/openclaw.json',
          configExists: true,
          gatewayMode: null,
          services: ['/home/op/.config/systemd/user/openclaw-gateway-rescue.service'],
        },
      },
    ]);
  });

  it('names a remote mode', () => {
    const context = model()
      .profile('rescue', { port: 19789, services: [{}], config: { gateway: { mode: 'remote' } } })
      .context();
    expect(runCheck(check, context)[0]?.message).toContain('its config sets gateway.mode=remote');
  });

  it('stays silent for gateway.mode=local, a service started with --allow-unconfigured, a running gateway, and a profile nothing says should run', () => {
    const local = model()
      .profile('rescue', { port: 19789, services: [{}], config: { gateway: { mode: 'local' } } })
      .context();
    expect(runCheck(check, local)).toEqual([]);
    const allowed = model()
      .profile('rescue', { port: 19789, services: [{ args: ['openclaw', 'gateway', '--allow-unconfigured'] }], config: {} })
      .context();
    expect(runCheck(check, allowed)).toEqual([]);
    expect(runCheck(check, healthyMainRescue().context())).toEqual([]);
    expect(runCheck(check, model().profile('rescue', { port: 19789, config: {} }).context())).toEqual([]);
  });
});
