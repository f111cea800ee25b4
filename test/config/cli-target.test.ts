import { describe, expect, it } from 'vitest';
import { cliTargetOf } from '../../src/config/cli-target.js';

const HOME = '/home/op';
const target = (profile: string, env: Record<string, string>) => {
  const t = cliTargetOf(profile, env, HOME);
  return [t.stateDir, t.configPath, t.gatewayPortEnv, t.systemdUnit];
};

describe('openclaw --profile X from a shell, as 2026.9.6 applies it', () => {
  it("keeps an inherited OPENCLAW_STATE_DIR that is not the inherited profile's own (measured: --profile rescue restarted main)", () => {
    expect(target('rescue', { OPENCLAW_STATE_DIR: '/home/op/.openclaw-main' })).toEqual([
      '/home/op/.openclaw-main',
      '/home/op/.openclaw-main/openclaw.json',
      null,
      null,
    ]);
  });

  it("switches cleanly when the inherited variables are the inherited profile's own, and drops its unit name", () => {
    expect(
      target('rescue', {
        OPENCLAW_PROFILE: 'main',
        OPENCLAW_STATE_DIR: '~/.openclaw-main',
        OPENCLAW_CONFIG_PATH: '/home/op/.openclaw-main/openclaw.json',
        OPENCLAW_SYSTEMD_UNIT: 'openclaw-gateway-main.service',
      }),
    ).toEqual(['/home/op/.openclaw-rescue', '/home/op/.openclaw-rescue/openclaw.json', null, null]);
  });

  it('keeps the port unless a service environment switches profile, and --dev sets 19001 only when unset', () => {
    expect(target('rescue', { OPENCLAW_GATEWAY_PORT: '18789' })[2]).toBe('18789');
    const serviceEnv = {
      OPENCLAW_SERVICE_MARKER: 'openclaw',
      OPENCLAW_PROFILE: 'main',
      OPENCLAW_STATE_DIR: '/home/op/.openclaw-main',
      OPENCLAW_CONFIG_PATH: '/home/op/.openclaw-main/openclaw.json',
      OPENCLAW_GATEWAY_PORT: '18789',
      OPENCLAW_SYSTEMD_UNIT: 'custom.service',
    };
    expect(target('rescue', serviceEnv)).toEqual(['/home/op/.openclaw-rescue', '/home/op/.openclaw-rescue/openclaw.json', null, null]);
    expect(target('dev', {})[2]).toBe('19001');
    expect(target('dev', { OPENCLAW_GATEWAY_PORT: '20000' })[2]).toBe('20000');
  });

  it('applies every inherited variable to plain `openclaw`, and OPENCLAW_PROFILE names its identity', () => {
    const plain = cliTargetOf('default', { OPENCLAW_PROFILE: 'rescue', OPENCLAW_CONFIG_PATH: '/x/openclaw.json' }, HOME);
    expect([plain.identity, plain.stateDir, plain.configPath, plain.stateDirInherited, plain.configPathInherited]).toEqual([
      'rescue',
      '/home/op/.openclaw',
      '/x/openclaw.json',
      false,
      true,
    ]);
  });
});
