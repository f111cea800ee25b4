import { describe, expect, it } from 'vitest';
import check from '../../../checks/gateway/unhealthy.js';
import { healthyGatewayProbe, model, runCheck } from '../../support/model-builder.js';
import { checkIdOf } from '../../support/check-id.js';

describe(checkIdOf(import.meta.url), () => {
  it('has the id of its path', () => expect(check.id).toBe(checkIdOf(import.meta.url)));

  it('fires when the lock holder answers /healthz with an error', () => {
    const healthy = healthyGatewayProbe(19789);
    const failing = { ...healthy, healthz: { ...healthy.healthz, outcome: 'http-error' as const, status: 503, json: null } };
    const context = model().profile('rescue', { port: 19789 }).gateway('rescue', 19789, 4300).probe(19789, failing).context();
    expect(runCheck(check, context)).toEqual([
      {
        checkId: 'gateway/unhealthy',
        severity: 'warning',
        profile: 'rescue',
        profiles: ['rescue'],
        message: "rescue's gateway (pid 4300) holds port 19789 but /healthz answered http-error (HTTP 503)",
        fixHint:
          'Read its log (logging.file, or journalctl --user -u the service) and restart it; a gateway that is still starting answers /readyz with "starting".',
        fix: { commands: ['openclaw --profile rescue gateway restart'] },
        evidence: { pid: 4300, port: 19789, healthz: failing.healthz, readyz: null, detail: 'pid 4300 holds the lock but /healthz answered http-error' },
      },
    ]);
  });

  it('stays silent for a healthy gateway', () => {
    expect(runCheck(check, model().profile('rescue', { port: 19789 }).gateway('rescue', 19789, 4300).context())).toEqual([]);
  });
});
