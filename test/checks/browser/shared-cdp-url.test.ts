import { describe, expect, it } from 'vitest';
import check from '../../../checks/browser/shared-cdp-url.js';
import { healthyMainRescue, model, runCheck } from '../../support/model-builder.js';
import { checkIdOf } from '../../support/check-id.js';

describe(checkIdOf(import.meta.url), () => {
  it('has the id of its path', () => expect(check.id).toBe(checkIdOf(import.meta.url)));

  it('fires for one Chrome pinned by two profiles (LOCALHOST = 127.0.0.1), moving the stopped one into its own band, credentials redacted', () => {
    const context = model()
      .profile('main', { port: 18789, browserCdpUrl: 'http://127.0.0.1:9222', services: [{}] })
      .profile('rescue', { port: 19789, browserCdpUrl: 'http://user:s3cret@LOCALHOST:9222/', services: [{}] })
      .gateway('main', 18789, 4100)
      .context();
    const findings = runCheck(check, context);
    expect(findings).toEqual([
      {
        checkId: 'browser/shared-cdp-url',
        severity: 'error',
        profile: 'rescue',
        message:
          "rescue's browser.cdpUrl (http://***@LOCALHOST:9222/) and main's browser.cdpUrl (http://127.0.0.1:9222) point at the same browser, so both gateways would drive one Chrome",
        path: 'browser.cdpUrl',
        fixHint:
          'Give rescue\'s "openclaw" browser a managed Chrome of its own on port 19800, the first free port of rescue\'s own CDP band, instead of the pinned browser.cdpUrl.',
        fix: {
          commands: ['openclaw --profile rescue config unset browser.cdpUrl', 'openclaw --profile rescue config set browser.profiles.openclaw.cdpPort 19800'],
        },
        profiles: ['main', 'rescue'],
        evidence: {
          endpoint: '127.0.0.1:9222',
          keys: { main: 'browser.cdpUrl', rescue: 'browser.cdpUrl' },
          values: { main: 'http://127.0.0.1:9222', rescue: 'http://***@LOCALHOST:9222/' },
          suggestedPort: 19800,
        },
      },
    ]);
    expect(JSON.stringify(findings)).not.toContain('s3cret');
  });

  it('fires for the same explicit cdpPort, skipping band ports that are listened on, with no restart of the running gateway (applied live)', () => {
    const context = model()
      .profile('main', { port: 18789, browserProfiles: [{ name: 'work', cdpPort: 9333 }] })
      .profile('rescue', { port: 19789, browserProfiles: [{ name: 'work', cdpPort: 9333 }] })
      .gateway('main', 18789, 4100)
      .gateway('rescue', 19789, 4200)
      .listener(19800, { pid: 6000, name: 'python3' })
      .context();
    expect(runCheck(check, context).map((finding) => [finding.profile, finding.path, finding.fix?.commands])).toEqual([
      ['rescue', 'browser.profiles.work.cdpPort', ['openclaw --profile rescue config set browser.profiles.work.cdpPort 19801']],
    ]);
  });

  it('treats default ports and [::1] as the same endpoint', () => {
    const context = model()
      .profile('main', { port: 18789, browserProfiles: [{ name: 'remote', cdpUrl: 'ws://[::1]/devtools/browser/abc' }] })
      .profile('rescue', { port: 19789, browserProfiles: [{ name: 'remote', cdpUrl: 'http://localhost:80' }] })
      .context();
    expect(runCheck(check, context).map((finding) => finding.evidence.endpoint)).toEqual(['127.0.0.1:80']);
  });

  it('stays silent on the healthy main + rescue host, for different ports, and when one browser is disabled', () => {
    expect(runCheck(check, healthyMainRescue().context())).toEqual([]);
    const different = model()
      .profile('main', { port: 18789, browserCdpUrl: 'http://127.0.0.1:9222' })
      .profile('rescue', { port: 19789, browserCdpUrl: 'http://127.0.0.1:9223' })
      .context();
    expect(runCheck(check, different)).toEqual([]);
    const disabled = model()
      .profile('main', { port: 18789, browserCdpUrl: 'http://127.0.0.1:9222' })
      .profile('rescue', { port: 19789, browserCdpUrl: 'http://127.0.0.1:9222', browserEnabled: false })
      .context();
    expect(runCheck(check, disabled)).toEqual([]);
  });
});
