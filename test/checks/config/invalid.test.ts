import { describe, expect, it } from 'vitest';
import check from '../../../checks/config/invalid.js';
import { healthyMainRescue, model, runCheck } from '../../support/model-builder.js';
import { checkIdOf } from '../../support/check-id.js';

const FILE = '/home/op/.openclaw-rescue/openclaw.json';

describe(checkIdOf(import.meta.url), () => {
  it('has the id of its path', () => expect(check.id).toBe(checkIdOf(import.meta.url)));

  it('reports a syntax error with file, line and column, and says OpenClaw runs the profile on its defaults', () => {
    const context = model()
      .profile('rescue', {
        port: 23532,
        portSource: 'profile-hash',
        config: null,
        problems: [{ severity: 'error', message: "JSON5 syntax error: invalid character 'a'", file: FILE, line: 6, column: 3 }],
      })
      .context();
    expect(runCheck(check, context)).toEqual([
      {
        checkId: 'config/invalid',
        severity: 'error',
        profile: 'rescue',
        profiles: ['rescue'],
        message: `rescue: JSON5 syntax error: invalid character 'a' (${FILE}:6:3); OpenClaw falls back to its defaults for this profile`,
        fixHint: `Edit ${FILE}:6:3, then check it with \`openclaw --profile rescue config validate\`.`,
        fix: { commands: ['openclaw --profile rescue config validate'] },
        evidence: { severity: 'error', message: "JSON5 syntax error: invalid character 'a'", file: FILE, line: 6, column: 3 },
      },
    ]);
  });

  it('reports a wrong type with its key, and a missing variable as a warning with the .env line to add', () => {
    const context = model()
      .profile('rescue', {
        port: 19789,
        problems: [
          { severity: 'error', message: 'gateway.port must be a whole number from 1 to 65535, not "abc"', file: FILE, path: 'gateway.port' },
          {
            severity: 'warning',
            message: 'Missing env var "TG_TOKEN" - feature using this value will be unavailable',
            file: FILE,
            path: 'channels.telegram.botToken',
          },
        ],
      })
      .context();
    expect(runCheck(check, context)).toEqual([
      {
        checkId: 'config/invalid',
        severity: 'error',
        profile: 'rescue',
        profiles: ['rescue'],
        message: `rescue: gateway.port must be a whole number from 1 to 65535, not "abc" (${FILE})`,
        path: 'gateway.port',
        fixHint: `Edit ${FILE}, key gateway.port, then check it with \`openclaw --profile rescue config validate\`.`,
        fix: { commands: ['openclaw --profile rescue config validate'] },
        evidence: { severity: 'error', message: 'gateway.port must be a whole number from 1 to 65535, not "abc"', file: FILE, path: 'gateway.port' },
      },
      {
        checkId: 'config/invalid',
        severity: 'warning',
        profile: 'rescue',
        profiles: ['rescue'],
        message: `rescue: Missing env var "TG_TOKEN" - feature using this value will be unavailable (${FILE})`,
        path: 'channels.telegram.botToken',
        fixHint: `Set TG_TOKEN where rescue's gateway reads it: add it to /home/op/.openclaw-rescue/.env (read by this profile's gateway and CLI, whatever starts them) or to its service's environment; it feeds channels.telegram.botToken in ${FILE}.`,
        fix: { commands: ["echo 'TG_TOKEN=<value>' >> /home/op/.openclaw-rescue/.env"] },
        evidence: {
          severity: 'warning',
          message: 'Missing env var "TG_TOKEN" - feature using this value will be unavailable',
          file: FILE,
          path: 'channels.telegram.botToken',
          variable: 'TG_TOKEN',
        },
      },
    ]);
  });

  it('does not claim a fallback to defaults for a loaded config with a wrong value, and names a file once', () => {
    const context = model()
      .profile('rescue', {
        port: 19789,
        problems: [
          { severity: 'error', message: 'gateway must be an object, not "19789"', file: FILE, path: 'gateway' },
          { severity: 'error', message: `cannot read ${FILE}: permission denied`, file: FILE },
        ],
      })
      .context();
    expect(runCheck(check, context).map((finding) => finding.message)).toEqual([
      `rescue: cannot read ${FILE}: permission denied`,
      `rescue: gateway must be an object, not "19789" (${FILE})`,
    ]);
  });

  it('never repeats a secret a problem message quotes', () => {
    const context = model()
      .profile('rescue', {
        port: 19789,
        problems: [
          { severity: 'error', message: 'browser.cdpUrl must be a URL, not "http://op:hunter2@127.0.0.1:9222 x"', file: FILE, path: 'browser.cdpUrl' },
        ],
      })
      .context();
    expect(JSON.stringify(runCheck(check, context))).not.toContain('hunter2');
  });

  it('stays silent on the healthy main + rescue host, whose configs load cleanly', () => {
    expect(runCheck(check, healthyMainRescue().context())).toEqual([]);
  });
});
