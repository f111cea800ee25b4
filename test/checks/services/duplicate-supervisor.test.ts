import { describe, expect, it } from 'vitest';
import check from '../../../checks/services/duplicate-supervisor.js';
import { healthyMainRescue, model, runCheck } from '../../support/model-builder.js';
import { checkIdOf } from '../../support/check-id.js';

describe(checkIdOf(import.meta.url), () => {
  it('has the id of its path', () => expect(check.id).toBe(checkIdOf(import.meta.url)));

  it('disables the legacy and system-scope units, never the one that runs the live gateway', () => {
    const context = model()
      .profile('default', {
        port: 18789,
        services: [
          { name: 'openclaw-gateway.service', portArg: 18789, file: '/home/op/.config/systemd/user/openclaw-gateway.service' },
          {
            name: 'clawdbot-gateway.service',
            file: '/home/op/.config/systemd/user/clawdbot-gateway.service',
            legacy: true,
            env: {},
            args: ['/usr/bin/node', '/home/op/.npm-global/lib/node_modules/clawdbot/dist/index.js', 'gateway', '--port', '18789'],
            portArg: 18789,
          },
          { name: 'openclaw-gateway.service', file: '/etc/systemd/system/openclaw-gateway.service', scope: 'system', portArg: 18790 },
        ],
      })
      .gateway('default', 18789, 4100)
      .context();
    const findings = runCheck(check, context);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      checkId: 'services/duplicate-supervisor',
      severity: 'warning',
      profile: 'default',
      message:
        "3 services start default's gateway: openclaw-gateway.service (user scope), clawdbot-gateway.service (user scope, legacy clawdbot), openclaw-gateway.service (system scope); they race for its lock and port, and `gateway stop` stops only one",
      fixHint: 'Keep openclaw-gateway.service (user scope) (it runs the gateway on 18789) and disable the others; their files stay for you to remove.',
      fix: { commands: ['systemctl --user disable --now clawdbot-gateway.service', 'sudo systemctl disable --now openclaw-gateway.service'] },
    });
    expect(findings[0]?.evidence.keep).toEqual({
      name: 'openclaw-gateway.service',
      file: '/home/op/.config/systemd/user/openclaw-gateway.service',
      manager: 'systemd',
      scope: 'user',
      port: 18789,
    });
  });

  it('keeps the unit whose --port the live lock shows, even under a hand-made name', () => {
    const context = model()
      .profile('rescue', {
        port: 19789,
        services: [{ portArg: 19789 }, { name: 'rescue-bot.service', file: '/home/op/.config/systemd/user/rescue-bot.service', portArg: 19900 }],
      })
      .gateway('rescue', 19900, 4200)
      .context();
    expect(runCheck(check, context)[0]?.fix?.commands).toEqual(['systemctl --user disable --now openclaw-gateway-rescue.service']);
  });

  it('stays silent with one service per profile, and once the extra unit is disabled (file kept)', () => {
    expect(runCheck(check, healthyMainRescue().context())).toEqual([]);
    const disabled = model()
      .profile('default', { port: 18789, services: [{ enabled: true }, { name: 'clawdbot-gateway.service', legacy: true, enabled: false }] })
      .context();
    expect(runCheck(check, disabled)).toEqual([]);
  });
});
