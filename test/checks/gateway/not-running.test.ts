import { describe, expect, it } from 'vitest';
import check from '../../../checks/gateway/not-running.js';
import { model, runCheck } from '../../support/model-builder.js';
import { checkIdOf } from '../../support/check-id.js';

describe(checkIdOf(import.meta.url), () => {
  it('has the id of its path', () => expect(check.id).toBe(checkIdOf(import.meta.url)));

  it('warns when an installed service says it should run', () => {
    expect(
      runCheck(
        check,
        model()
          .profile('rescue', { port: 19789, services: [{}] })
          .context(),
      ),
    ).toEqual([
      {
        checkId: 'gateway/not-running',
        severity: 'warning',
        profile: 'rescue',
        profiles: ['rescue'],
        message: "rescue's gateway is not running (nothing listens on 19789); its service openclaw-gateway-rescue.service is installed",
        fixHint: 'Start it through its service.',
        fix: { commands: ['systemctl --user start openclaw-gateway-rescue.service'] },
        evidence: { port: 19789, portSource: 'config', services: ['/home/op/.config/systemd/user/openclaw-gateway-rescue.service'], locks: [] },
      },
    ]);
  });

  it('is only info when nothing says it should run', () => {
    const [finding] = runCheck(check, model().profile('rescue', { port: 19789 }).context());
    expect([finding?.severity, finding?.fix?.commands]).toEqual(['info', ['openclaw --profile rescue gateway install']]);
  });

  it('stays silent for a running gateway, and when the sockets could not be read', () => {
    expect(runCheck(check, model().profile('rescue', { port: 19789 }).gateway('rescue', 19789, 4300).context())).toEqual([]);
    expect(runCheck(check, model().profile('rescue', { port: 19789 }).snapshotFailed().context())).toEqual([]);
  });
});
