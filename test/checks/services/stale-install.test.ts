import { describe, expect, it } from 'vitest';
import check from '../../../checks/services/stale-install.js';
import { model, runCheck } from '../../support/model-builder.js';
import { checkIdOf } from '../../support/check-id.js';

const CURRENT = { version: '2026.9.6', packageJson: '/home/op/.npm-global/lib/node_modules/openclaw/package.json' };
const OLD = { version: '2026.1.12', packageJson: '/usr/lib/node_modules/openclaw/package.json' };

describe(checkIdOf(import.meta.url), () => {
  it('has the id of its path', () => expect(check.id).toBe(checkIdOf(import.meta.url)));

  it('reports a service running an old install and rewrites it with the CLI on PATH', () => {
    const context = model()
      .cliRelease(CURRENT)
      .profile('rescue', { port: 19789, portSource: 'flag', services: [{ release: OLD, portArg: 19789 }] })
      .context();
    expect(runCheck(check, context)).toEqual([
      {
        checkId: 'services/stale-install',
        severity: 'warning',
        profile: 'rescue',
        profiles: ['rescue'],
        message:
          'openclaw-gateway-rescue.service runs OpenClaw 2026.1.12 from /usr/lib/node_modules/openclaw, but the `openclaw` on PATH is 2026.9.6 from /home/op/.npm-global/lib/node_modules/openclaw: an update of the CLI does not reach this gateway',
        fixHint:
          'Rewrite the service with the current CLI (`openclaw --profile rescue gateway install --force`) and restart it; the old install can go once nothing runs it.',
        fix: { commands: ['openclaw --profile rescue gateway install --force --port 19789', 'systemctl --user restart openclaw-gateway-rescue.service'] },
        evidence: {
          service: 'openclaw-gateway-rescue.service',
          file: '/home/op/.config/systemd/user/openclaw-gateway-rescue.service',
          serviceVersion: '2026.1.12',
          servicePackage: OLD.packageJson,
          cliVersion: '2026.9.6',
          cliPackage: CURRENT.packageJson,
        },
      },
    ]);
  });

  it('stays silent when the service runs the CLI on PATH, or no CLI is found', () => {
    expect(
      runCheck(
        check,
        model()
          .cliRelease(CURRENT)
          .profile('rescue', { services: [{ release: CURRENT }] })
          .context(),
      ),
    ).toEqual([]);
    expect(
      runCheck(
        check,
        model()
          .profile('rescue', { services: [{ release: OLD }] })
          .context(),
      ),
    ).toEqual([]);
  });
});
