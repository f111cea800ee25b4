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
});
