import { describe, expect, it } from 'vitest';
import check from '../../../checks/services/profile-mismatch.js';
import { healthyMainRescue, model, runCheck } from '../../support/model-builder.js';
import { checkIdOf } from '../../support/check-id.js';

const RESCUE_UNIT = '/home/op/.config/systemd/user/openclaw-gateway-rescue.service';

describe(checkIdOf(import.meta.url), () => {
  it('has the id of its path', () => expect(check.id).toBe(checkIdOf(import.meta.url)));

  it("reports a unit named for rescue that carries main's state dir, and rewrites main's own service", () => {
    const context = model()
      .profile('main', {
        port: 18789,
        config: { gateway: { port: 18789 } },
        services: [
          {
            name: 'openclaw-gateway-rescue.service',
            file: RESCUE_UNIT,
            nameProfile: 'rescue',
            env: { OPENCLAW_PROFILE: 'rescue', OPENCLAW_STATE_DIR: '/home/op/.openclaw-main' },
            args: ['/usr/bin/node', '/usr/lib/node_modules/openclaw/dist/index.js', 'gateway', '--port', '19789'],
            portArg: 19789,
            profileEvidence: 'OPENCLAW_STATE_DIR in its environment',
          },
        ],
      })
      .context();
    expect(runCheck(check, context)).toEqual([
      {
        checkId: 'services/profile-mismatch',
        severity: 'warning',
        profile: 'main',
        profiles: ['main'],
        message:
          "openclaw-gateway-rescue.service runs main's gateway (OPENCLAW_STATE_DIR in its environment) but disagrees: name openclaw-gateway-rescue.service stands for rescue, expected main; OPENCLAW_PROFILE rescue, expected main; service port 19789, expected gateway.port 18789",
        fixHint:
          "Rewrite the service from main's own identity with `openclaw --profile main gateway install --force`; the misnamed unit is disabled (its file kept). A profile whose name it carried gets its own service with its own `gateway install`.",
        fix: {
          commands: [
            'openclaw --profile main gateway install --force',
            'systemctl --user disable --now openclaw-gateway-rescue.service',
            'systemctl --user restart openclaw-gateway-main.service',
          ],
        },
        evidence: {
          service: 'openclaw-gateway-rescue.service',
          file: RESCUE_UNIT,
          manager: 'systemd',
          disagreements: [
            { what: 'name', says: 'openclaw-gateway-rescue.service stands for rescue', expected: 'main' },
            { what: 'OPENCLAW_PROFILE', says: 'rescue', expected: 'main' },
            { what: 'service port', says: '19789', expected: 'gateway.port 18789' },
          ],
          servicePort: 19789,
          configPort: 18789,
          runningPort: null,
        },
      },
    ]);
  });

  it('does not start the rewritten service beside a gateway started by hand: that would race it for the lock', () => {
    const unit = {
      name: 'openclaw-gateway-rescue.service',
      file: RESCUE_UNIT,
      nameProfile: 'rescue',
      env: { OPENCLAW_PROFILE: 'rescue', OPENCLAW_STATE_DIR: '/home/op/.openclaw-main' },
      args: ['/usr/bin/node', '/usr/lib/node_modules/openclaw/dist/index.js', 'gateway', '--port', '18789'],
      portArg: 18789,
      profileEvidence: 'OPENCLAW_STATE_DIR in its environment',
    };
    const byHand = model()
      .profile('main', { port: 18789, config: { gateway: { port: 18789 } }, services: [unit] })
      .gateway('main', 18789, 4100)
      .markers(4100, {})
      .context();
    const [finding] = runCheck(check, byHand);
    expect(finding!.fix!.commands).toEqual([
      'openclaw --profile main gateway install --force',
      'systemctl --user disable --now openclaw-gateway-rescue.service',
    ]);
    expect(finding!.fixHint).toMatch(/main's gateway runs by hand \(pid 4100\), so the service is not started beside it: stop pid 4100 first/);
    // Run by that unit (its markers name it), the rewritten service takes over with a restart.
    const byUnit = model()
      .profile('main', { port: 18789, config: { gateway: { port: 18789 } }, services: [unit] })
      .gateway('main', 18789, 4100)
      .markers(4100, { OPENCLAW_SERVICE_MARKER: 'openclaw', OPENCLAW_SYSTEMD_UNIT: 'openclaw-gateway-rescue.service', INVOCATION_ID: 'x' })
      .context();
    expect(runCheck(check, byUnit)[0]!.fix!.commands.at(-1)).toBe('systemctl --user restart openclaw-gateway-main.service');
  });

  it('keeps a running gateway where it runs when service, config and lock ports disagree', () => {
    const context = model()
      .profile('rescue', {
        port: 19789,
        portSource: 'flag',
        config: { gateway: { port: 19900 } },
        services: [{ portArg: 19789, args: ['openclaw', 'gateway', '--port', '19789'] }],
      })
      .gateway('rescue', 19800, 4200)
      .context();
    const [finding] = runCheck(check, context);
    expect(finding?.evidence).toMatchObject({ servicePort: 19789, configPort: 19900, runningPort: 19800 });
    expect(finding?.fix?.commands).toEqual([
      'openclaw --profile rescue config set gateway.port 19800',
      'openclaw --profile rescue gateway install --force --port 19800',
    ]);
  });

  it('stays silent when name, environment, arguments, config and lock agree', () => {
    expect(runCheck(check, healthyMainRescue().context())).toEqual([]);
    const agreeing = model()
      .profile('rescue', { port: 19789, config: { gateway: { port: 19789 } }, services: [{ nameProfile: 'rescue', portArg: 19789 }] })
      .gateway('rescue', 19789, 4200)
      .context();
    expect(runCheck(check, agreeing)).toEqual([]);
  });
});

describe(`${checkIdOf(import.meta.url)} with several or disabled units`, () => {
  it('leaves port disagreements of duplicate units to services/duplicate-supervisor, and ignores disabled units', () => {
    const context = model()
      .profile('default', {
        port: 18789,
        services: [{ portArg: 19489 }, { name: 'clawdbot-gateway.service', legacy: true, env: {}, portArg: 18789 }],
      })
      .gateway('default', 19489, 4100)
      .context();
    expect(runCheck(check, context)).toEqual([]);
    const disabled = model()
      .profile('default', { port: 18789, services: [{ portArg: 18789, enabled: false }] })
      .gateway('default', 19489, 4100)
      .context();
    expect(runCheck(check, disabled)).toEqual([]);
  });
});

describe(`${checkIdOf(import.meta.url)} with a copied unit`, () => {
  it('reports a unit that kept the OPENCLAW_SYSTEMD_UNIT of the unit it was copied from', () => {
    const context = model()
      .profile('rescue', {
        port: 19789,
        services: [{ nameProfile: 'rescue', env: { OPENCLAW_PROFILE: 'rescue', OPENCLAW_SYSTEMD_UNIT: 'openclaw-gateway.service' } }],
      })
      .context();
    expect(runCheck(check, context)[0]?.evidence.disagreements).toEqual([
      { what: 'OPENCLAW_SYSTEMD_UNIT', says: 'openclaw-gateway.service', expected: 'openclaw-gateway-rescue.service' },
    ]);
    const own = model()
      .profile('rescue', {
        port: 19789,
        services: [{ nameProfile: 'rescue', env: { OPENCLAW_PROFILE: 'rescue', OPENCLAW_SYSTEMD_UNIT: 'openclaw-gateway-rescue' } }],
      })
      .context();
    expect(runCheck(check, own)).toEqual([]);
  });
});
