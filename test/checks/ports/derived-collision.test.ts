import { describe, expect, it } from 'vitest';
import check from '../../../checks/ports/derived-collision.js';
import { model, runCheck } from '../../support/model-builder.js';
import { checkIdOf } from '../../support/check-id.js';

describe(checkIdOf(import.meta.url), () => {
  it('has the id of its path', () => expect(check.id).toBe(checkIdOf(import.meta.url)));

  it('fires once per pair, naming every shared port and both roles', () => {
    const context = model().profile('main', { port: 18789 }).profile('rescue', { port: 18790 }).gateway('main', 18789, 4100).context();
    expect(runCheck(check, context)).toEqual([
      {
        checkId: 'ports/derived-collision',
        severity: 'error',
        profile: 'rescue',
        message:
          'rescue and main plan the same ports 18790 (rescue gateway, main sandbox), 18791 (rescue sandbox, main browser-control), 18800 (rescue extension-relay (chrome), main cdp (openclaw)): whichever starts second fails to bind',
        path: 'gateway.port',
        fixHint: 'Move rescue to base port 18909; its derived ports move with it (base+1, base+2, CDP band base+11..base+110).',
        fix: { commands: ['openclaw --profile rescue config set gateway.port 18909', 'openclaw --profile rescue gateway restart'] },
        profiles: ['main', 'rescue'],
        evidence: {
          shared: [
            { port: 18790, rescue: 'gateway', main: 'sandbox' },
            { port: 18791, rescue: 'sandbox', main: 'browser-control' },
            { port: 18800, rescue: 'extension-relay (chrome)', main: 'cdp (openclaw)' },
          ],
          suggestedPort: 18909,
        },
      },
    ]);
  });

  it("fires on the 2026.1 layout when a gateway sits on another profile's extension relay (base+3)", () => {
    const context = model().layout('2026.1').profile('main', { port: 18789 }).profile('rescue', { port: 18792, browserEnabled: false }).context();
    const [finding] = runCheck(check, context);
    expect(finding?.evidence.shared).toEqual([
      { port: 18792, rescue: 'gateway', main: 'extension-relay' },
      { port: 18793, rescue: 'sandbox', main: 'canvas' },
    ]);
  });

  it('leaves same-role pairs to their own checks, and band overlaps to ports/band-overlap', () => {
    expect(runCheck(check, model().profile('main', { port: 18789 }).profile('rescue', { port: 18789 }).context())).toEqual([]);
    expect(runCheck(check, model().profile('main', { port: 18789 }).profile('rescue', { port: 18850, browserEnabled: false }).context())).toEqual([]);
  });

  it('stays silent on a healthy main + rescue host', () => {
    expect(runCheck(check, model().profile('main', { port: 18789 }).profile('rescue', { port: 19789 }).context())).toEqual([]);
  });
});
