import { describe, expect, it } from 'vitest';
import check from '../../../checks/browser/cdp-foreign.js';
import { model, runCheck } from '../../support/model-builder.js';
import { checkIdOf } from '../../support/check-id.js';

const mainChrome = ['/usr/lib/chromium/chromium', '--remote-debugging-port=19800', '--user-data-dir=/home/op/.openclaw-main/browser/openclaw/user-data'];

describe(checkIdOf(import.meta.url), () => {
  it('has the id of its path', () => expect(check.id).toBe(checkIdOf(import.meta.url)));

  it('fires for another profile\'s Chrome on this profile\'s CDP port, and never suggests killing it', () => {
    const context = model().profile('main', { port: 18789 }).profile('rescue', { port: 19789 }).listener(19800, { pid: 5100, name: 'chromium', argv: mainChrome }).context();
    expect(runCheck(check, context)).toEqual([
      {
        checkId: 'browser/cdp-foreign',
        severity: 'warning',
        profile: 'rescue',
        message: "Chrome pid 5100 on rescue's CDP port 19800 belongs to profile main: rescue's browser would attach to main's tabs and logins",
        path: 'browser.profiles.openclaw.cdpPort',
        fixHint: 'Leave main\'s Chrome alone; give rescue\'s "openclaw" browser another port in its own CDP band.',
        fix: { commands: ['openclaw --profile rescue config set browser.profiles.openclaw.cdpPort 19801'] },
        evidence: {
          port: 19800,
          role: 'cdp',
          pid: 5100,
          command: mainChrome.join(' '),
          ownerProfile: 'main',
          ownerEvidence: '--user-data-dir /home/op/.openclaw-main/browser/openclaw/user-data lies in the state dir of profile main',
          profiles: ['main', 'rescue'],
        },
      },
    ]);
  });

  it('offers to close a stray Chrome of no profile', () => {
    const context = model().profile('rescue', { port: 19789 }).listener(19800, { pid: 5200, name: 'chrome', argv: ['/opt/google/chrome/chrome', '--remote-debugging-port=19800', '--user-data-dir=/tmp/x'] }).context();
    expect(runCheck(check, context).map((finding) => [finding.message, finding.fix?.commands])).toEqual([
      ["Chrome pid 5200 on rescue's CDP port 19800 belongs to no OpenClaw profile (--user-data-dir /tmp/x lies in no profile's state dir)", ['kill 5200']],
    ]);
  });

  it('stays silent for the profile\'s own Chrome', () => {
    const context = model().profile('main', { port: 18789 }).listener(18800, { pid: 5100, name: 'chromium', argv: ['/usr/lib/chromium/chromium', '--remote-debugging-port=18800', '--user-data-dir=/home/op/.openclaw-main/browser/openclaw/user-data'] }).context();
    expect(runCheck(check, context)).toEqual([]);
  });
});
