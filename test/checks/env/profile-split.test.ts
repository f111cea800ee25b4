import { describe, expect, it } from 'vitest';
import check from '../../../checks/env/profile-split.js';
import { healthyMainRescue, model, runCheck } from '../../support/model-builder.js';
import { checkIdOf } from '../../support/check-id.js';

describe(checkIdOf(import.meta.url), () => {
  it('has the id of its path', () => expect(check.id).toBe(checkIdOf(import.meta.url)));

  it("fires for a service whose OPENCLAW_PROFILE disagrees with the state dir it runs on, and rewrites that service from its data's profile", () => {
    const context = model()
      .profile('main', {
        port: 19789,
        portSource: 'flag',
        services: [
          { name: 'openclaw-gateway-rescue.service', portArg: 19789, env: { OPENCLAW_PROFILE: 'rescue', OPENCLAW_STATE_DIR: '/home/op/.openclaw-main' } },
        ],
      })
      .profile('rescue', { port: 29789 })
      .context();
    expect(runCheck(check, context).map((finding) => [finding.profile, finding.message, finding.fix?.commands])).toEqual([
      [
        'main',
        "openclaw-gateway-rescue.service sets OPENCLAW_PROFILE=rescue but runs on main's state dir ~/.openclaw-main, so the gateway it starts has main's data with rescue's port, service name and workspace defaults",
        [
          'openclaw --profile main gateway install --force --port 19789',
          'systemctl --user disable --now openclaw-gateway-rescue.service',
          'systemctl --user restart openclaw-gateway-main.service',
        ],
      ],
    ]);
  });

  it('stays silent on the healthy main + rescue host with a clean shell, and for OPENCLAW_PROFILE=default', () => {
    expect(runCheck(check, healthyMainRescue().context())).toEqual([]);
    const named = model()
      .env({ OPENCLAW_PROFILE: 'Default' })
      .profile('default', { port: 18789, envSelected: true, services: [{ env: { OPENCLAW_PROFILE: 'default' } }] })
      .context();
    expect(runCheck(check, named)).toEqual([]);
  });
});
