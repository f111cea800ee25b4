import { describe, expect, it } from 'vitest';
import check from '../../../checks/services/duplicate-supervisor.js';
import { healthyGatewayProbe, healthyMainRescue, model, runCheck, type ProfileSpec } from '../../support/model-builder.js';
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

  describe('an enabled service beside a gateway started by hand', () => {
    const SERVICE_ENV = {
      OPENCLAW_SERVICE_MARKER: 'openclaw',
      OPENCLAW_SERVICE_KIND: 'gateway',
      OPENCLAW_SYSTEMD_UNIT: 'openclaw-gateway-rescue.service',
      INVOCATION_ID: 'feedc0de',
    };
    const rescue = (services: ProfileSpec['services'] = [{ enabled: true, portArg: 19789 }]) =>
      model()
        .profile('main', { port: 18789, services: [{}] })
        .profile('rescue', { port: 19789, services })
        .gateway('rescue', 19789, 4200);

    it('keeps the hand-started pid and disables the service; the hint gives the way back under the service', () => {
      expect(runCheck(check, rescue().markers(4200, {}).context(['rescue']))).toEqual([
        {
          checkId: 'services/duplicate-supervisor',
          severity: 'warning',
          profile: 'rescue',
          profiles: ['rescue'],
          message:
            "rescue's gateway runs as pid 4200 on port 19789, started by hand, while openclaw-gateway-rescue.service (user scope) is enabled to start it too: the service races it for the lock and port, and `gateway stop` does not stop pid 4200",
          fixHint:
            'Keep pid 4200, which runs the gateway, and disable openclaw-gateway-rescue.service (user scope); its file stays for you to remove. Or, to run it under openclaw-gateway-rescue.service instead, when a short outage is fine: stop pid 4200 (`kill 4200`), then `systemctl --user start openclaw-gateway-rescue.service`.',
          fix: { commands: ['systemctl --user disable --now openclaw-gateway-rescue.service'] },
          evidence: {
            keep: {
              pid: 4200,
              port: 19789,
              startedBy: 'hand',
              evidence:
                "pid 4200's environment holds none of the variables a service sets (OPENCLAW_SERVICE_MARKER, INVOCATION_ID, XPC_SERVICE_NAME, ...): no service started it",
            },
            extra: [
              {
                name: 'openclaw-gateway-rescue.service',
                file: '/home/op/.config/systemd/user/openclaw-gateway-rescue.service',
                manager: 'systemd',
                scope: 'user',
                legacy: false,
                port: 19789,
              },
            ],
            runningPort: 19789,
          },
        },
      ]);
    });

    it('disables every enabled service, in one finding, and leaves a disabled one alone', () => {
      const findings = runCheck(
        check,
        rescue([{ enabled: true }, { name: 'clawdbot-gateway.service', legacy: true, enabled: true }, { name: 'rescue-old.service', enabled: false }])
          .markers(4200, {})
          .context(['rescue']),
      );
      expect(findings.map((finding) => [finding.fix?.commands, (finding.evidence.extra as Array<{ name: string }>).map((extra) => extra.name)])).toEqual([
        [
          ['systemctl --user disable --now openclaw-gateway-rescue.service', 'systemctl --user disable --now clawdbot-gateway.service'],
          ['openclaw-gateway-rescue.service', 'clawdbot-gateway.service'],
        ],
      ]);
      expect(findings[0]?.fixHint).toMatch(/their files stay .* then `systemctl --user start openclaw-gateway-rescue.service` and disable the others\.$/);
    });

    it("beside an unhealthy hand-started gateway it says so without a fix: which one should run is the operator's call", () => {
      const context = rescue()
        .probe(19789, { ...healthyGatewayProbe(19789), healthz: { ...healthyGatewayProbe(19789).healthz, json: { ok: false, status: 'degraded' } } })
        .markers(4200, {})
        .context(['rescue']);
      const findings = runCheck(check, context);
      expect(findings).toHaveLength(1);
      expect(findings[0]?.fix).toBeUndefined();
    });

    it('stays silent when the service runs the gateway, when the environment is unreadable, and when the service is disabled', () => {
      expect(runCheck(check, rescue().markers(4200, SERVICE_ENV).context(['rescue']))).toEqual([]);
      expect(runCheck(check, rescue().markers(4200, null).context(['rescue']))).toEqual([]);
      expect(runCheck(check, rescue().context(['rescue']))).toEqual([]);
      // gateway/unmanaged-process speaks for a hand-started gateway whose services are all disabled.
      expect(
        runCheck(
          check,
          rescue([{ enabled: false }])
            .markers(4200, {})
            .context(['rescue']),
        ),
      ).toEqual([]);
      // Some other supervisor (systemd-run, a leaked INVOCATION_ID): not proven by hand.
      expect(runCheck(check, rescue().markers(4200, { INVOCATION_ID: 'feedc0de' }).context(['rescue']))).toEqual([]);
    });
  });
});
