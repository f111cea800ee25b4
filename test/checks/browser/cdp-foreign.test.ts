import { describe, expect, it } from 'vitest';
import check from '../../../checks/browser/cdp-foreign.js';
import { healthyMainRescue, model, runCheck } from '../../support/model-builder.js';
import { checkIdOf } from '../../support/check-id.js';

const MAIN_USER_DATA = '/home/op/.openclaw-main/browser/openclaw/user-data';

describe(checkIdOf(import.meta.url), () => {
  it('has the id of its path', () => expect(check.id).toBe(checkIdOf(import.meta.url)));

  it("fires for another profile's Chrome on this profile's CDP port, moving this browser, never killing that one", () => {
    const context = model()
      .profile('main', { port: 18789, services: [{}] })
      .profile('rescue', { port: 19789, services: [{}] })
      .gateway('main', 18789, 4100)
      .gateway('rescue', 19789, 4200)
      .chrome(19800, 5100, MAIN_USER_DATA)
      .context();
    expect(runCheck(check, context)).toEqual([
      {
        checkId: 'browser/cdp-foreign',
        severity: 'warning',
        profile: 'rescue',
        profiles: ['main', 'rescue'],
        message: `main's Chrome (pid 5100) listens on rescue's CDP port 19800 (browser profile "openclaw"), so rescue's browser would attach to main's tabs and logins`,
        path: 'browser.profiles.openclaw.cdpPort',
        fixHint: 'Leave main\'s Chrome alone and give rescue\'s "openclaw" browser port 19801, free in its own CDP band.',
        fix: {
          // No restart: OpenClaw 2026.9.6 applies a new cdpPort live.
          commands: ['openclaw --profile rescue config set browser.profiles.openclaw.cdpPort 19801'],
        },
        evidence: {
          port: 19800,
          role: 'cdp',
          planSource: "control+9, the built-in profile's port",
          pid: 5100,
          command: `/usr/lib/chromium/chromium --remote-debugging-port=19800 --user-data-dir=${MAIN_USER_DATA}`,
          ownerProfile: 'main',
          ownerEvidence: `--user-data-dir ${MAIN_USER_DATA} lies in the state dir of profile main`,
          suggestedPort: 19801,
        },
      },
    ]);
  });

  it('offers to close a Chrome of no profile, and only that one', () => {
    const context = model().profile('rescue', { port: 19789 }).chrome(19800, 5200, '/tmp/x').context();
    expect(runCheck(check, context).map((finding) => [finding.message, finding.fixHint, finding.fix?.commands])).toEqual([
      [
        `a Chrome (pid 5200) that belongs to no OpenClaw profile listens on rescue's CDP port 19800 (browser profile "openclaw"), so rescue's browser would attach to it`,
        'Close that Chrome (pid 5200) if nobody uses it (its command line is in the evidence); if it is someone\'s browser, give rescue\'s "openclaw" browser port 19801 instead.',
        ['kill 5200'],
      ],
    ]);
  });

  it("moves the base port when another profile's Chrome sits in a part of the band this profile has not used yet", () => {
    const context = model().profile('main', { port: 18789 }).profile('rescue', { port: 18749 }).chrome(18800, 5100, MAIN_USER_DATA).context();
    expect(runCheck(check, context).map((finding) => [finding.profile, finding.path, finding.message, finding.fix?.commands])).toEqual([
      [
        'rescue',
        'gateway.port',
        "main's Chrome (pid 5100) listens on port 18800 of rescue's CDP band, where rescue's next managed browser could be placed",
        ['openclaw --profile rescue config set gateway.port 18909', 'openclaw --profile rescue gateway restart'],
      ],
    ]);
  });

  it("stays silent on the healthy main + rescue host, where each Chrome is its own profile's", () => {
    expect(runCheck(check, healthyMainRescue().context())).toEqual([]);
  });
});
