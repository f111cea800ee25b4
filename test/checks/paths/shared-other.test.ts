import { describe, expect, it } from 'vitest';
import check from '../../../checks/paths/shared-other.js';
import { healthyMainRescue, model, runCheck } from '../../support/model-builder.js';
import { checkIdOf } from '../../support/check-id.js';

describe(checkIdOf(import.meta.url), () => {
  it('has the id of its path', () => expect(check.id).toBe(checkIdOf(import.meta.url)));

  it('fires for a shared log file, and gives the stopped profile a log of its own', () => {
    const context = model()
      .profile('main', { port: 18789, logFile: '/var/log/openclaw.log', services: [{}] })
      .profile('rescue', { port: 19789, logFile: '/var/log/openclaw.log', services: [{}] })
      .gateway('main', 18789, 4100)
      .context();
    expect(runCheck(check, context)).toEqual([
      {
        checkId: 'paths/shared-other',
        severity: 'error',
        profile: 'rescue',
        message: 'rescue and main share logging.file: both use /var/log/openclaw.log',
        path: 'logging.file',
        fixHint: "Point rescue's logging.file at a file of its own, e.g. ~/.openclaw-rescue/logs/openclaw.log.",
        fix: { commands: ['openclaw --profile rescue config set logging.file /home/op/.openclaw-rescue/logs/openclaw.log'] },
        profiles: ['main', 'rescue'],
        evidence: {
          keys: { main: 'logging.file', rescue: 'logging.file' },
          paths: { main: '/var/log/openclaw.log', rescue: '/var/log/openclaw.log' },
          realPath: '/var/log/openclaw.log',
        },
      },
    ]);
  });

  it('unsets a shared session store, restarting the moved gateway when it runs', () => {
    const context = model()
      .profile('main', { port: 18789, sessionStore: '/srv/sessions.json', services: [{}] })
      .profile('rescue', { port: 19789, sessionStore: '/srv/link.json', services: [{}] })
      .symlink('/srv/link.json', '/srv/sessions.json')
      .gateway('main', 18789, 4100)
      .gateway('rescue', 19789, 4200)
      .context();
    expect(runCheck(check, context).map((finding) => [finding.profile, finding.message, finding.fix?.commands])).toEqual([
      [
        'rescue',
        'rescue and main share session.store: both use /srv/sessions.json',
        ['openclaw --profile rescue config unset session.store', 'systemctl --user restart openclaw-gateway-rescue.service'],
      ],
    ]);
  });

  it('drops a shared OPENCLAW_OAUTH_DIR from the service that sets it, and names both keys when one file serves two', () => {
    const oauth = model()
      .profile('main', { port: 18789, oauthDir: '/srv/oauth' })
      .profile('rescue', { port: 19789, oauthDir: '/srv/oauth', services: [{ env: { OPENCLAW_PROFILE: 'rescue', OPENCLAW_OAUTH_DIR: '/srv/oauth' } }] })
      .context();
    expect(runCheck(check, oauth).map((finding) => [finding.path, finding.fix?.commands])).toEqual([
      ['OPENCLAW_OAUTH_DIR', ['openclaw --profile rescue gateway install --force', 'systemctl --user restart openclaw-gateway-rescue.service']],
    ]);
    const crossed = model().profile('main', { port: 18789, logFile: '/srv/x' }).profile('rescue', { port: 19789, sessionStore: '/srv/x' }).context();
    expect(runCheck(check, crossed).map((finding) => finding.message)).toEqual([
      "rescue and main use one path as rescue's session.store and main's logging.file: both use /srv/x",
    ]);
  });

  it('edits the config a displaced profile really reads, not the one --profile would pick', () => {
    const stateDir = '/home/op/.openclaw/rescue';
    const context = model()
      .profile('default', { port: 18789, logFile: '/var/log/openclaw.log' })
      .profile('rescue', {
        port: 19789,
        stateDir,
        logFile: '/var/log/openclaw.log',
        services: [{ env: { OPENCLAW_PROFILE: 'rescue', OPENCLAW_STATE_DIR: stateDir } }],
      })
      .context();
    expect(runCheck(check, context).map((finding) => finding.fix?.commands)).toEqual([
      [`OPENCLAW_STATE_DIR=${stateDir} OPENCLAW_CONFIG_PATH=${stateDir}/openclaw.json openclaw config set logging.file ${stateDir}/logs/openclaw.log`],
    ]);
  });

  it("stays silent on the healthy main + rescue host, also with each profile's own log file", () => {
    expect(runCheck(check, healthyMainRescue().context())).toEqual([]);
    const ownLogs = model()
      .profile('main', { port: 18789, logFile: '/home/op/.openclaw-main/logs/openclaw.log' })
      .profile('rescue', { port: 19789, logFile: '/home/op/.openclaw-rescue/logs/openclaw.log' })
      .context();
    expect(runCheck(check, ownLogs)).toEqual([]);
  });
});
