// Checks fed hostile service names, labels and browser profile names: the finding stays, the unsafe fix becomes a manual step.
import { describe, expect, it } from 'vitest';
import notRunning from '../../checks/gateway/not-running.js';
import unhealthy from '../../checks/gateway/unhealthy.js';
import sharedCdpUrl from '../../checks/browser/shared-cdp-url.js';
import profileSplit from '../../checks/env/profile-split.js';
import type { CheckContext } from '../../src/doctor/api.js';
import { healthyGatewayProbe, model, runCheck } from '../support/model-builder.js';

function onMac(context: CheckContext): CheckContext {
  return { ...context, model: { ...context.model, invocation: { ...context.model.invocation, platform: 'darwin', uid: 501 } } };
}

describe('hostile values in checks', () => {
  it('gateway/not-running keeps the finding but prints no command for a unit named with $(...)', () => {
    const context = model()
      .profile('rescue', { port: 19789, services: [{ name: 'openclaw-gateway-$(touch${IFS}X).service' }] })
      .context();
    const [finding, ...rest] = runCheck(notRunning, context);
    expect(rest).toEqual([]);
    expect(finding?.checkId).toBe('gateway/not-running');
    expect(finding?.severity).toBe('warning');
    expect(finding?.fixHint).toBe('Start it through its service.');
    expect(finding?.fix).toBeUndefined();
  });

  it('gateway/not-running starts a launchd service in the gui domain of the known uid', () => {
    const context = onMac(
      model()
        .profile('rescue', { port: 19789, services: [{ manager: 'launchd', name: 'ai.openclaw.rescue' }] })
        .context(),
    );
    expect(runCheck(notRunning, context)[0]?.fix).toEqual({ commands: ['launchctl kickstart gui/501/ai.openclaw.rescue'] });
  });

  it('gateway/unhealthy prints no restart for a launchd label with a command separator', () => {
    const healthy = healthyGatewayProbe(19789);
    const failing = { ...healthy, healthz: { ...healthy.healthz, outcome: 'http-error' as const, status: 503, json: null } };
    const context = onMac(
      model()
        .profile('t', { port: 19789, services: [{ manager: 'launchd', name: 'ai.openclaw.t;touch X' }] })
        .gateway('t', 19789, 4300)
        .probe(19789, failing)
        .context(),
    );
    const [finding] = runCheck(unhealthy, context);
    expect(finding?.checkId).toBe('gateway/unhealthy');
    expect(finding?.fix).toBeUndefined();
  });

  it('browser/shared-cdp-url reports the clash but builds no config key from a hostile browser profile name', () => {
    const name = 'c$(touch${IFS}X)';
    const context = model()
      .profile('main', { port: 18789, browserProfiles: [{ name, cdpPort: 9333 }] })
      .profile('rescue', { port: 19789, browserProfiles: [{ name, cdpPort: 9333 }] })
      .context();
    const findings = runCheck(sharedCdpUrl, context);
    expect(findings.map((finding) => [finding.checkId, finding.severity, finding.fix])).toEqual([['browser/shared-cdp-url', 'error', undefined]]);
  });

  it("env/profile-split never puts a service's hostile OPENCLAW_PROFILE after --profile", () => {
    const context = model()
      .profile('rescue', { port: 19789, services: [{ env: { OPENCLAW_PROFILE: 'x;touch${IFS}X', OPENCLAW_STATE_DIR: '/home/op/.openclaw-rescue' } }] })
      .context();
    const [finding] = runCheck(profileSplit, context);
    expect(finding?.checkId).toBe('env/profile-split');
    expect(finding?.fixHint).toContain('`openclaw --profile <profile> gateway install --force`');
    expect(finding?.fixHint).not.toContain('--profile x;');
    expect(finding?.fix?.commands).toEqual(['openclaw --profile rescue gateway install --force', 'systemctl --user restart openclaw-gateway-rescue.service']);
  });
});
