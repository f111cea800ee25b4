import { describe, expect, it } from 'vitest';
import check from '../../../checks/ports/spacing.js';
import { model, runCheck } from '../../support/model-builder.js';
import { checkIdOf } from '../../support/check-id.js';

describe(checkIdOf(import.meta.url), () => {
  it('has the id of its path', () => expect(check.id).toBe(checkIdOf(import.meta.url)));

  it('says why 20 ports is not enough when bases are closer than the docs ask', () => {
    const context = model().profile('main', { port: 18789 }).profile('rescue', { port: 18904 }).context();
    expect(runCheck(check, context)).toEqual([
      {
        checkId: 'ports/spacing',
        severity: 'info',
        profile: 'rescue',
        message: 'rescue (18904) is 115 ports from main (18789); the OpenClaw docs ask for 120',
        path: 'gateway.port',
        fixHint: 'Older docs said "leave 20 ports"; that predates the CDP band (control+9..control+108), which alone spans 100 ports. Move rescue to 18909.',
        fix: { commands: ['openclaw --profile rescue config set gateway.port 18909', 'openclaw --profile rescue gateway restart'] },
        profiles: ['main', 'rescue'],
        evidence: { distance: 115, needed: 111, recommended: 120, suggestedPort: 18909 },
      },
    ]);
  });

  it('warns when bases are within reach but the browser is off, so no band overlaps yet', () => {
    const context = model().profile('main', { port: 18789, browserEnabled: false }).profile('rescue', { port: 18809 }).context();
    const [finding] = runCheck(check, context);
    expect([finding?.severity, finding?.message]).toEqual([
      'warning',
      'rescue (18809) is 20 ports from main (18789); each instance reaches base+110, so they need 111+',
    ]);
  });

  it('warns at exactly 110 apart, where each instance still reaches the other base, and only informs at 111', () => {
    const at = (distance: number) =>
      runCheck(
        check,
        model()
          .profile('main', { port: 18789, browserEnabled: false })
          .profile('rescue', { port: 18789 + distance })
          .context(),
      );
    expect(at(110)).toEqual([
      {
        checkId: 'ports/spacing',
        severity: 'warning',
        profile: 'rescue',
        message: 'rescue (18899) is 110 ports from main (18789); each instance reaches base+110, so they need 111+',
        path: 'gateway.port',
        fixHint: 'Older docs said "leave 20 ports"; that predates the CDP band (control+9..control+108), which alone spans 100 ports. Move rescue to 18909.',
        fix: { commands: ['openclaw --profile rescue config set gateway.port 18909', 'openclaw --profile rescue gateway restart'] },
        profiles: ['main', 'rescue'],
        evidence: { distance: 110, needed: 111, recommended: 120, suggestedPort: 18909 },
      },
    ]);
    expect(at(111).map((finding) => [finding.severity, finding.message])).toEqual([
      ['info', 'rescue (18900) is 111 ports from main (18789); the OpenClaw docs ask for 120'],
    ]);
    expect(at(119).map((finding) => finding.severity)).toEqual(['info']);
  });

  it('with the browser on, bases 110 apart meet at exactly one port (the CDP band ends on the other base) and 111 apart do not', () => {
    const at = (distance: number) =>
      model()
        .profile('main', { port: 18789 })
        .profile('rescue', { port: 18789 + distance })
        .context();
    const meeting = at(110);
    expect(
      meeting.overlaps.map((overlap) => ({
        from: overlap.from,
        to: overlap.to,
        a: [overlap.a.profile, overlap.a.entry.role],
        b: [overlap.b.profile, overlap.b.entry.role],
      })),
    ).toEqual([{ from: 18899, to: 18899, a: ['main', 'cdp-band'], b: ['rescue', 'gateway'] }]);
    expect(runCheck(check, meeting)).toEqual([]);
    const apart = at(111);
    expect(apart.overlaps).toEqual([]);
    expect(runCheck(check, apart).map((finding) => [finding.severity, finding.evidence.distance])).toEqual([['info', 111]]);
  });

  it('leaves pairs whose ports already meet to the overlap checks, and stays silent at 120+', () => {
    expect(runCheck(check, model().profile('main', { port: 18789 }).profile('rescue', { port: 18809 }).context())).toEqual([]);
    expect(runCheck(check, model().profile('main', { port: 18789 }).profile('rescue', { port: 18909 }).context())).toEqual([]);
  });
});
