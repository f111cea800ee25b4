import { describe, expect, it } from 'vitest';
import check from '../../../checks/gateway/port-drift.js';
import { model, runCheck } from '../../support/model-builder.js';
import { checkIdOf } from '../../support/check-id.js';

describe(checkIdOf(import.meta.url), () => {
  it('has the id of its path', () => expect(check.id).toBe(checkIdOf(import.meta.url)));

  it('fires when a gateway started with --port runs where the CLI does not look, and pins the running port', () => {
    const context = model().profile('rescue', { port: 23532, portSource: 'profile-hash' }).gateway('rescue', 19789, 4300).context();
    expect(runCheck(check, context)).toEqual([
      {
        checkId: 'gateway/port-drift',
        severity: 'warning',
        profile: 'rescue',
        profiles: ['rescue'],
        message: "rescue's gateway runs on 19789 (pid 4300), but `openclaw --profile rescue status` talks to 23532 (profile-hash) and reports it unreachable",
        path: 'gateway.port',
        fixHint: 'Pin gateway.port to 19789, where the gateway already is; nothing needs a restart.',
        fix: { commands: ['openclaw --profile rescue config set gateway.port 19789'] },
        evidence: { actualPort: 19789, actualSource: 'lock', cliPort: 23532, cliSource: 'profile-hash', cliDetail: '20000 + fnv1a32("rescue") % 40000' },
      },
    ]);
  });

  it('fires for a stopped profile whose service starts it on another port than the CLI resolves', () => {
    const context = model()
      .profile('rescue', { port: 19789, portSource: 'flag', cliPort: 23532, cliPortSource: 'profile-hash', services: [{ portArg: 19789 }] })
      .context();
    const [finding] = runCheck(check, context);
    expect(finding?.message).toBe(
      "rescue's gateway is started on 19789 by --port in openclaw-gateway-rescue.service, but `openclaw --profile rescue status` talks to 23532 (profile-hash) and reports it unreachable",
    );
  });

  it('stays silent when the running port is the resolved one', () => {
    expect(runCheck(check, model().profile('rescue', { port: 19789 }).gateway('rescue', 19789, 4300).context())).toEqual([]);
  });
});
