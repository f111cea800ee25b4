import { describe, expect, it } from 'vitest';
import check from '../../../checks/profiles/discovery.js';
import { healthyMainRescue, model, runCheck } from '../../support/model-builder.js';
import { checkIdOf } from '../../support/check-id.js';

const INVALID =
  '"my bot" is not a valid OpenClaw profile name: use 1-64 letters, digits, "_" or "-", starting with a letter or digit; OpenClaw cannot select this dir with --profile';

describe(checkIdOf(import.meta.url), () => {
  it('has the id of its path', () => expect(check.id).toBe(checkIdOf(import.meta.url)));

  it('offers the exact rename for a state dir whose name is not a valid profile', () => {
    const context = model()
      .profile('main', { port: 18789 })
      .note({ kind: 'invalid-profile-dir', path: '/home/op/.openclaw-my bot', message: INVALID })
      .context();
    expect(runCheck(check, context)).toEqual([
      {
        checkId: 'profiles/discovery',
        severity: 'warning',
        profile: null,
        profiles: [],
        message: INVALID,
        fixHint:
          'OpenClaw cannot select ~/.openclaw-my bot with --profile: rename it to ~/.openclaw-my-bot and use `openclaw --profile my-bot`; reinstall its service, if it has one, with `openclaw --profile my-bot gateway install --force`.',
        fix: { commands: ["mv '/home/op/.openclaw-my bot' /home/op/.openclaw-my-bot"] },
        evidence: { kind: 'invalid-profile-dir', path: '/home/op/.openclaw-my bot', suggestedName: 'my-bot' },
      },
    ]);
  });

  it('never renames onto a profile that exists, and names the file for services and locks of no profile', () => {
    const context = model()
      .profile('my-bot', { port: 18789 })
      .note({ kind: 'invalid-profile-dir', path: '/home/op/.openclaw-my bot', message: INVALID })
      .note({
        kind: 'unmapped-service',
        path: '/home/op/.config/systemd/user/claw.service',
        message: 'claw.service runs an OpenClaw gateway but names no profile or state dir',
      })
      .note({ kind: 'unmapped-lock', path: '/tmp/openclaw-1000/gateway.state.lock', message: '/tmp/openclaw-1000/gateway.state.lock names no state dir' })
      .context();
    expect(runCheck(check, context).map((finding) => finding.fix?.commands ?? finding.fixHint)).toEqual([
      ["mv '/home/op/.openclaw-my bot' /home/op/.openclaw-my-bot-2"],
      'Look at /tmp/openclaw-1000/gateway.state.lock: if the pid it names is not an OpenClaw gateway any more, the lock is stale and can be deleted; gateways up to 2026.6 kept their locks there.',
      'Open ~/.config/systemd/user/claw.service and give it the profile it runs: OPENCLAW_PROFILE and OPENCLAW_STATE_DIR in its environment, or reinstall it with `openclaw --profile <name> gateway install --force` and disable this one.',
    ]);
  });

  it('tells how to fix an invalid OPENCLAW_PROFILE and a file where a state dir belongs', () => {
    const context = model()
      .note({ kind: 'unreadable', path: 'OPENCLAW_PROFILE', message: 'OPENCLAW_PROFILE: "a b" is not a valid OpenClaw profile name' })
      .note({ kind: 'unreadable', path: '/home/op/.openclaw-rescue', message: '/home/op/.openclaw-rescue looks like a state dir but is not a directory' })
      .context();
    expect(runCheck(check, context).map((finding) => finding.fix?.commands)).toEqual([
      ['mv /home/op/.openclaw-rescue /home/op/.openclaw-rescue.not-a-state-dir'],
      ['unset OPENCLAW_PROFILE'],
    ]);
  });

  it('stays silent on the healthy main + rescue host, where discovery saw nothing odd', () => {
    expect(runCheck(check, healthyMainRescue().context())).toEqual([]);
  });
});
