import { describe, expect, it } from 'vitest';
import check from '../../../checks/paths/shared-other.js';
import { model, runCheck } from '../../support/model-builder.js';
import { checkIdOf } from '../../support/check-id.js';

describe(checkIdOf(import.meta.url), () => {
  it('has the id of its path', () => expect(check.id).toBe(checkIdOf(import.meta.url)));

  it('fires for a shared log file', () => {
    const context = model().profile('main', { port: 18789, logFile: '/var/log/openclaw.log' }).profile('rescue', { port: 19789, logFile: '/var/log/openclaw.log' }).context();
    expect(runCheck(check, context)).toEqual([
      {
        checkId: 'paths/shared-other',
        severity: 'error',
        profile: 'rescue',
        message: 'rescue and main share logging.file: both use /var/log/openclaw.log',
        path: 'logging.file',
        fixHint: "Point rescue's logging.file at a file of its own, e.g. /home/op/.openclaw-rescue/logs/gateway.log.",
        fix: { commands: ['openclaw --profile rescue config set logging.file /home/op/.openclaw-rescue/logs/gateway.log'] },
        evidence: { profiles: ['main', 'rescue'], keys: { rescue: 'logging.file', main: 'logging.file' }, path: '/var/log/openclaw.log' },
      },
    ]);
  });

  it('fires for a shared OAuth dir with an env fix, and for one file used under two keys', () => {
    const oauth = model().profile('main', { port: 18789, oauthDir: '/srv/oauth' }).profile('rescue', { port: 19789, oauthDir: '/srv/oauth' }).context();
    expect(runCheck(check, oauth).map((finding) => finding.fix?.commands)).toEqual([['unset OPENCLAW_OAUTH_DIR']]);
    const crossed = model().profile('main', { port: 18789, logFile: '/srv/x' }).profile('rescue', { port: 19789, sessionStore: '/srv/x' }).context();
    expect(runCheck(check, crossed).map((finding) => finding.message)).toEqual(["rescue and main use one file as rescue's session.store and main's logging.file: both use /srv/x"]);
  });

  it('stays silent without shared paths', () => {
    expect(runCheck(check, model().profile('main', { port: 18789 }).profile('rescue', { port: 19789 }).context())).toEqual([]);
  });
});
