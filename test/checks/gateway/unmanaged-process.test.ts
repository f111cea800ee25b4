import { describe, expect, it } from 'vitest';
import check from '../../../checks/gateway/unmanaged-process.js';
import { healthyMainRescue, model, runCheck } from '../../support/model-builder.js';
import { checkIdOf } from '../../support/check-id.js';

describe(checkIdOf(import.meta.url), () => {
  it('has the id of its path', () => expect(check.id).toBe(checkIdOf(import.meta.url)));

  it('names the pid of a running gateway no service owns, as manual steps only', () => {
    const context = model().profile('rescue', { port: 19789 }).gateway('rescue', 19789, 4200).context();
    expect(runCheck(check, context)).toEqual([
      {
        checkId: 'gateway/unmanaged-process',
        severity: 'info',
        profile: 'rescue',
        profiles: ['rescue'],
        message:
          "rescue's gateway runs as pid 4200 on port 19789, but no service starts it: `gateway stop` will not stop it and it will not come back after a reboot",
        fixHint:
          'To put it under a service, when a short outage is fine: stop pid 4200 (`kill 4200`), then `openclaw --profile rescue gateway install`, which writes and starts the service on its configured port.',
        evidence: { pid: 4200, port: 19789, services: [] },
      },
    ]);
  });

  it('stays silent for gateways started by a service, and for stopped ones', () => {
    expect(runCheck(check, healthyMainRescue().context())).toEqual([]);
    expect(runCheck(check, model().profile('rescue', { port: 19789 }).context())).toEqual([]);
  });

  describe('a profile with gateway services', () => {
    const rescue = (enabled: boolean) =>
      model()
        .profile('rescue', { port: 19789, services: [{ enabled }] })
        .gateway('rescue', 19789, 4200);

    it('names a gateway proven started by hand while its service is disabled', () => {
      expect(runCheck(check, rescue(false).markers(4200, {}).context())).toEqual([
        {
          checkId: 'gateway/unmanaged-process',
          severity: 'info',
          profile: 'rescue',
          profiles: ['rescue'],
          message:
            "rescue's gateway runs as pid 4200 on port 19789, started by hand while its service openclaw-gateway-rescue.service is disabled: `gateway stop` will not stop it and it will not come back after a reboot",
          fixHint:
            'To put it under a service, when a short outage is fine: stop pid 4200 (`kill 4200`), then `openclaw --profile rescue gateway install`, which writes and starts the service on its configured port.',
          evidence: { pid: 4200, port: 19789, services: ['openclaw-gateway-rescue.service'] },
        },
      ]);
    });

    it('leaves an enabled service beside a hand-started gateway to services/duplicate-supervisor, unless that check does not run', () => {
      const context = rescue(true).markers(4200, {}).context();
      expect(runCheck(check, context)).toEqual([]);
      const alone = runCheck(check, { ...context, selected: new Set(['gateway/unmanaged-process']) });
      expect(alone.map(({ message, fixHint }) => ({ message, fixHint }))).toEqual([
        {
          message:
            "rescue's gateway runs as pid 4200 on port 19789, started by hand, not by its service openclaw-gateway-rescue.service: `gateway stop` will not stop it",
          fixHint:
            'To put it under its service, when a short outage is fine: stop pid 4200 (`kill 4200`), then `systemctl --user start openclaw-gateway-rescue.service`.',
        },
      ]);
    });

    it('stays silent when its service runs it, and when the environment could not be read', () => {
      const markers = { OPENCLAW_SERVICE_MARKER: 'openclaw', OPENCLAW_SERVICE_KIND: 'gateway', OPENCLAW_SYSTEMD_UNIT: 'openclaw-gateway-rescue.service' };
      expect(
        runCheck(
          check,
          rescue(false)
            .markers(4200, { ...markers, INVOCATION_ID: 'feedc0de' })
            .context(),
        ),
      ).toEqual([]);
      expect(runCheck(check, rescue(false).markers(4200, null).context())).toEqual([]);
      expect(runCheck(check, rescue(false).context())).toEqual([]);
    });
  });
});
