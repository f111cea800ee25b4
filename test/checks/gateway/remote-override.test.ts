import { describe, expect, it } from 'vitest';
import check from '../../../checks/gateway/remote-override.js';
import { healthyMainRescue, model, runCheck } from '../../support/model-builder.js';
import { checkIdOf } from '../../support/check-id.js';

const remote = (url: string) => ({ gateway: { mode: 'remote', remote: { url } } });

describe(checkIdOf(import.meta.url), () => {
  it('has the id of its path', () => expect(check.id).toBe(checkIdOf(import.meta.url)));

  it("fires when a running rescue's config sends its CLI to main's gateway, and sets gateway.mode back to local", () => {
    const context = model()
      .profile('main', { port: 18789 })
      .profile('rescue', { port: 19789, config: remote('ws://127.0.0.1:18789') })
      .gateway('main', 18789, 4100)
      .gateway('rescue', 19789, 4200)
      .context();
    expect(runCheck(check, context)).toEqual([
      {
        checkId: 'gateway/remote-override',
        severity: 'warning',
        profile: 'rescue',
        profiles: ['rescue'],
        path: 'gateway.remote.url',
        message:
          "rescue runs its own gateway on 19789, but gateway.mode=remote and gateway.remote.url send `openclaw --profile rescue status` and every other command of it to main's gateway at ws://127.0.0.1:18789",
        fixHint: "Set gateway.mode to local so rescue's CLI talks to its own gateway (keep gateway.remote.url for a client profile that runs no gateway).",
        fix: { commands: ['openclaw --profile rescue config set gateway.mode local'] },
        evidence: { url: 'ws://127.0.0.1:18789', urlPort: 18789, ownPort: 19789, reaches: 'main' },
      },
    ]);
  });

  it('stays silent for a client profile without a gateway, a URL at its own port, and remote.url without remote mode', () => {
    expect(
      runCheck(
        check,
        model()
          .profile('client', { port: 19789, config: remote('wss://gw.example.net') })
          .context(),
      ),
    ).toEqual([]);
    const own = model()
      .profile('rescue', { port: 19789, config: remote('ws://127.0.0.1:19789') })
      .gateway('rescue', 19789, 4200)
      .context();
    expect(runCheck(check, own)).toEqual([]);
    const localMode = model()
      .profile('rescue', { port: 19789, config: { gateway: { mode: 'local', remote: { url: 'ws://127.0.0.1:18789' } } } })
      .gateway('rescue', 19789, 4200)
      .context();
    expect(runCheck(check, localMode)).toEqual([]);
    expect(runCheck(check, healthyMainRescue().context())).toEqual([]);
  });
});
