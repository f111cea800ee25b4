import { describe, expect, it } from 'vitest';
import check from '../../../checks/ports/duplicate-gateway.js';
import { model, runCheck } from '../../support/model-builder.js';
import { checkIdOf } from '../../support/check-id.js';

describe(checkIdOf(import.meta.url), () => {
  it('has the id of its path', () => {
    expect(check.id).toBe(checkIdOf(import.meta.url));
  });

  it('fires when two profiles resolve the same gateway port, moving the stopped one', () => {
    const context = model().profile('main', { port: 18789 }).profile('rescue', { port: 18789 }).gateway('main', 18789, 4100).context();
    const findings = runCheck(check, context);
    expect(findings).toEqual([
      {
        checkId: 'ports/duplicate-gateway',
        severity: 'error',
        profile: 'rescue',
        message: 'rescue and main both resolve gateway port 18789: only one of them can run',
        path: 'gateway.port',
        fixHint: 'Give rescue its own base port, e.g. 18909 (free, and 120+ ports from every other instance).',
        fix: { commands: ['openclaw --profile rescue config set gateway.port 18909', 'openclaw --profile rescue gateway restart'] },
        profiles: ['main', 'rescue'],
        evidence: {
          port: 18789,
          sources: {
            main: 'config: gateway.port in /home/op/.openclaw-main/openclaw.json',
            rescue: 'config: gateway.port in /home/op/.openclaw-rescue/openclaw.json',
          },
          suggestedPort: 18909,
        },
      },
    ]);
  });

  it('never moves the running gateway, even when it is the later name', () => {
    const context = model().profile('alpha', { port: 19789 }).profile('zulu', { port: 19789 }).gateway('zulu', 19789, 4200).context();
    const [finding] = runCheck(check, context);
    expect(finding?.profile).toBe('alpha');
  });

  it('rewrites the service when the port comes from its --port', () => {
    const context = model()
      .profile('main', { port: 18789 })
      .profile('rescue', { port: 18789, portSource: 'flag', services: [{ portArg: 18789 }] })
      .context();
    const [finding] = runCheck(check, context);
    expect(finding?.profile).toBe('main');
    expect(
      runCheck(
        check,
        model()
          .profile('default', { port: 18789 })
          .profile('rescue', { port: 18789, services: [{ portArg: 18789 }] })
          .context(),
      )[0]?.fix?.commands,
    ).toEqual([
      'openclaw --profile rescue config set gateway.port 18909',
      'openclaw --profile rescue gateway install --force --port 18909',
      'systemctl --user restart openclaw-gateway-rescue.service',
    ]);
  });

  it('stays silent for distinct ports, and for the same port on different specific addresses', () => {
    expect(runCheck(check, model().profile('main', { port: 18789 }).profile('rescue', { port: 19789 }).context())).toEqual([]);
    expect(runCheck(check, model().profile('a', { port: 18789, bind: '10.0.0.5' }).profile('b', { port: 18789, bind: '127.0.0.1' }).context())).toEqual([]);
  });
});
