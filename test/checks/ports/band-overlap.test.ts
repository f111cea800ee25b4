import { describe, expect, it } from 'vitest';
import check from '../../../checks/ports/band-overlap.js';
import { model, runCheck } from '../../support/model-builder.js';
import { checkIdOf } from '../../support/check-id.js';

describe(checkIdOf(import.meta.url), () => {
  it('has the id of its path', () => expect(check.id).toBe(checkIdOf(import.meta.url)));

  it('fires once per pair with the exact overlapping range', () => {
    const context = model().profile('main', { port: 18789 }).profile('rescue', { port: 18820 }).context();
    expect(runCheck(check, context)).toEqual([
      {
        checkId: 'ports/band-overlap',
        severity: 'warning',
        profile: 'rescue',
        message: 'rescue and main overlap on ports 18820-18899: a managed Chrome of one can take a port the other needs',
        path: 'gateway.port',
        fixHint: 'Move rescue to base port 18909: each instance reaches base+110 (its CDP band), so base ports need 111+ apart; the docs ask for 120.',
        fix: { commands: ['openclaw --profile rescue config set gateway.port 18909', 'openclaw --profile rescue gateway restart'] },
        profiles: ['main', 'rescue'],
        evidence: {
          from: 18820,
          to: 18899,
          overlaps: [
            { from: 18820, to: 18820, main: 'cdp-band 18800-18899', rescue: 'gateway 18820' },
            { from: 18821, to: 18821, main: 'cdp-band 18800-18899', rescue: 'sandbox 18821' },
            { from: 18822, to: 18822, main: 'cdp-band 18800-18899', rescue: 'browser-control 18822' },
            { from: 18830, to: 18830, main: 'cdp-band 18800-18899', rescue: 'extension-relay "chrome" 18830' },
            { from: 18831, to: 18899, main: 'cdp-band 18800-18899', rescue: 'cdp-band 18831-18930' },
            { from: 18831, to: 18831, main: 'cdp-band 18800-18899', rescue: 'cdp "openclaw" 18831' },
          ],
          suggestedPort: 18909,
        },
      },
    ]);
  });

  it('finds the overlap of the named main and rescue on their hash ports, 60 apart', () => {
    const context = model()
      .profile('main', { port: 23592, portSource: 'profile-hash' })
      .profile('rescue', { port: 23532, portSource: 'profile-hash' })
      .context();
    const [finding] = runCheck(check, context);
    expect(finding?.message).toBe('rescue and main overlap on ports 23592-23642: a managed Chrome of one can take a port the other needs');
  });

  it('moves an explicit cdpPort inside another profile’s band into its own band, not the base port: no restart', () => {
    const context = model()
      .profile('main', { port: 18789 })
      .profile('rescue', {
        port: 19789,
        browserProfiles: [
          { name: 'openclaw', implicit: true },
          { name: 'work', cdpPort: 18850 },
        ],
      })
      .gateway('main', 18789, 4100)
      .gateway('rescue', 19789, 4200)
      .context();
    expect(runCheck(check, context)).toEqual([
      {
        checkId: 'ports/band-overlap',
        severity: 'warning',
        profile: 'rescue',
        message: 'rescue and main overlap on port 18850: a managed Chrome of one can take a port the other needs',
        path: 'browser.profiles.work.cdpPort',
        fixHint:
          "Give browser.profiles.work.cdpPort a port of rescue's own CDP band (ports 19800-19899): an explicit cdpPort stays where it is when the base port moves.",
        fix: { commands: ['openclaw --profile rescue config set browser.profiles.work.cdpPort 19801'] },
        profiles: ['main', 'rescue'],
        evidence: { from: 18850, to: 18850, overlaps: [{ from: 18850, to: 18850, main: 'cdp-band 18800-18899', rescue: 'cdp "work" 18850' }] },
      },
    ]);
  });

  it('stays silent when bands do not meet', () => {
    expect(runCheck(check, model().profile('main', { port: 18789 }).profile('rescue', { port: 19789 }).context())).toEqual([]);
    expect(runCheck(check, model().profile('main', { port: 18789 }).profile('rescue', { port: 18900 }).context())).toEqual([]);
  });
});
