import { describe, expect, it } from 'vitest';
import check from '../../../checks/browser/shared-cdp-url.js';
import { model, runCheck } from '../../support/model-builder.js';
import { checkIdOf } from '../../support/check-id.js';

describe(checkIdOf(import.meta.url), () => {
  it('has the id of its path', () => expect(check.id).toBe(checkIdOf(import.meta.url)));

  it('fires for one Chrome pinned by two profiles (localhost = 127.0.0.1), with credentials redacted', () => {
    const context = model().profile('main', { port: 18789, browserCdpUrl: 'http://127.0.0.1:9222' }).profile('rescue', { port: 19789, browserCdpUrl: 'http://user:pw@localhost:9222/' }).context();
    expect(runCheck(check, context)).toEqual([
      {
        checkId: 'browser/shared-cdp-url',
        severity: 'error',
        profile: 'rescue',
        message: "rescue's browser.cdpUrl (http://***@localhost:9222/) and main's browser.cdpUrl (http://127.0.0.1:9222) point at the same browser: both gateways would drive one Chrome",
        path: 'browser.cdpUrl',
        fixHint: 'Let rescue use a Chrome of its own on port 19800, in its own CDP band.',
        fix: { commands: ['openclaw --profile rescue config unset browser.cdpUrl', 'openclaw --profile rescue config set browser.profiles.openclaw.cdpPort 19800'] },
        evidence: { profiles: ['main', 'rescue'], endpoint: '127.0.0.1:9222', keys: { rescue: 'browser.cdpUrl', main: 'browser.cdpUrl' }, suggestedPort: 19800 },
      },
    ]);
  });

  it('fires for the same explicit cdpPort in two profiles', () => {
    const context = model()
      .profile('main', { port: 18789, browserProfiles: [{ name: 'work', cdpPort: 9333 }] })
      .profile('rescue', { port: 19789, browserProfiles: [{ name: 'work', cdpPort: 9333 }] })
      .context();
    expect(runCheck(check, context).map((finding) => [finding.path, finding.fix?.commands])).toEqual([
      ['browser.profiles.work.cdpPort', ['openclaw --profile rescue config set browser.profiles.work.cdpPort 19800']],
    ]);
  });

  it('stays silent for different endpoints', () => {
    const context = model().profile('main', { port: 18789, browserCdpUrl: 'http://127.0.0.1:9222' }).profile('rescue', { port: 19789, browserCdpUrl: 'http://127.0.0.1:9223' }).context();
    expect(runCheck(check, context)).toEqual([]);
  });
});
