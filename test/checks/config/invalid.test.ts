import { describe, expect, it } from 'vitest';
import check from '../../../checks/config/invalid.js';
import { model, runCheck } from '../../support/model-builder.js';
import { checkIdOf } from '../../support/check-id.js';

const FILE = '/home/op/.openclaw-rescue/openclaw.json';

describe(checkIdOf(import.meta.url), () => {
  it('has the id of its path', () => expect(check.id).toBe(checkIdOf(import.meta.url)));

  it('reports a syntax error with file, line and column, and a missing variable as a warning', () => {
    const context = model()
      .profile('rescue', {
        port: 23532,
        portSource: 'profile-hash',
        config: null,
        problems: [
          { severity: 'error', message: "JSON5 syntax error: invalid character 'a'", file: FILE, line: 6, column: 3 },
          { severity: 'warning', message: 'Missing env var "TG_TOKEN" - feature using this value will be unavailable', file: FILE, path: 'channels.telegram.botToken' },
        ],
      })
      .context();
    expect(runCheck(check, context)).toEqual([
      {
        checkId: 'config/invalid',
        severity: 'error',
        profile: 'rescue',
        message: `rescue: JSON5 syntax error: invalid character 'a' (${FILE}:6:3); OpenClaw falls back to its defaults for this profile`,
        fixHint: `Edit ${FILE}:6:3, then check it with \`openclaw --profile rescue config validate\`.`,
        fix: { commands: ['openclaw --profile rescue config validate'] },
        evidence: { severity: 'error', message: "JSON5 syntax error: invalid character 'a'", file: FILE, line: 6, column: 3 },
      },
      {
        checkId: 'config/invalid',
        severity: 'warning',
        profile: 'rescue',
        message: `rescue: Missing env var "TG_TOKEN" - feature using this value will be unavailable (${FILE})`,
        path: 'channels.telegram.botToken',
        fixHint: 'Set TG_TOKEN in the environment the gateway runs with (its service), or change channels.telegram.botToken.',
        fix: { commands: ['export TG_TOKEN=<value>'] },
        evidence: { severity: 'warning', message: 'Missing env var "TG_TOKEN" - feature using this value will be unavailable', file: FILE, path: 'channels.telegram.botToken' },
      },
    ]);
  });

  it('does not claim a fallback to defaults for a loaded config with a wrong value', () => {
    const context = model().profile('rescue', { port: 19789, problems: [{ severity: 'error', message: 'gateway must be an object, not "19789"', file: FILE, path: 'gateway' }] }).context();
    expect(runCheck(check, context).map((finding) => finding.message)).toEqual([`rescue: gateway must be an object, not "19789" (${FILE})`]);
  });

  it('stays silent for a config without problems', () => {
    expect(runCheck(check, model().profile('rescue', { port: 19789 }).context())).toEqual([]);
  });
});
