// Effective values of one profile: port precedence, bind, workspaces, plan — as OpenClaw computes them.
import { describe, expect, it } from 'vitest';
import { chooseGatewayPort, gatewayBindAddress, parseGatewayPortEnv } from '../../src/config/resolve-profile.js';

const base = {
  profileName: 'rescue',
  isNamed: true,
  hashDefault: true,
  configPort: null,
  configFile: '/h/.openclaw-rescue/openclaw.json',
  envPort: null,
  flagPort: null,
};

describe('gateway port precedence: --port > OPENCLAW_GATEWAY_PORT > gateway.port > profile hash > 18789', () => {
  it('takes each source in turn', () => {
    expect(chooseGatewayPort({ ...base, flagPort: { port: 1, detail: 'f' }, envPort: { port: 2, detail: 'e' }, configPort: 3 })).toEqual({
      port: 1,
      source: 'flag',
      detail: 'f',
    });
    expect(chooseGatewayPort({ ...base, envPort: { port: 2, detail: 'e' }, configPort: 3 })).toEqual({ port: 2, source: 'env', detail: 'e' });
    expect(chooseGatewayPort({ ...base, configPort: 3 })).toEqual({ port: 3, source: 'config', detail: 'gateway.port in /h/.openclaw-rescue/openclaw.json' });
    expect(chooseGatewayPort(base)).toEqual({ port: 23532, source: 'profile-hash', detail: '20000 + fnv1a32("rescue") % 40000' });
    expect(chooseGatewayPort({ ...base, profileName: 'default', isNamed: false })).toEqual({
      port: 18789,
      source: 'default',
      detail: 'OpenClaw default 18789',
    });
  });

  it('gives --dev 19001, and named profiles 18789 before the 2026.8 hash default', () => {
    expect(chooseGatewayPort({ ...base, profileName: 'dev' }).port).toBe(19001);
    expect(chooseGatewayPort({ ...base, hashDefault: false })).toMatchObject({ port: 18789, source: 'default' });
  });

  it('reads OPENCLAW_GATEWAY_PORT as N, host:N and [v6]:N', () => {
    expect(['19789', '127.0.0.1:19789', '[::1]:19789', ' 19789 '].map(parseGatewayPortEnv)).toEqual([19789, 19789, 19789, 19789]);
    expect(['', 'abc', '70000', '0', undefined].map(parseGatewayPortEnv)).toEqual([null, null, null, null, null]);
  });
});

describe('gateway bind', () => {
  it('maps bind modes to the address the gateway listens on', () => {
    expect(gatewayBindAddress(null)).toEqual({ mode: 'loopback', address: '127.0.0.1' });
    expect(gatewayBindAddress({ gateway: { bind: 'lan' } })).toEqual({ mode: 'lan', address: '0.0.0.0' });
    expect(gatewayBindAddress({ gateway: { bind: 'custom', customBindHost: '10.0.0.5' } })).toEqual({ mode: 'custom', address: '10.0.0.5' });
  });
});

describe('the shell and a profile', () => {
  it("never gives a profile the shell's OPENCLAW_CONFIG_PATH; its CLI port follows the config the shell names, unreadable here (/dev/urandom)", async () => {
    const fs = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const { resolveProfile } = await import('../../src/config/resolve-profile.js');
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'clawdoc-resolve-'));
    try {
      const stateDir = path.join(home, '.openclaw-rescue');
      fs.mkdirSync(stateDir);
      fs.writeFileSync(path.join(stateDir, 'openclaw.json'), '{ gateway: { port: 19789 } }');
      const discovered = {
        name: 'rescue',
        openclawName: 'rescue',
        origin: { kind: 'own' as const },
        foundIn: ['state-dir' as const],
        stateDir,
        configPathOverride: null,
        services: [],
        locks: [],
        envSelected: true,
        envProfileName: null,
      };
      const invocation = {
        home,
        env: { OPENCLAW_CONFIG_PATH: '/dev/urandom' },
        selectedProfile: null,
        uid: 1000,
        tmpDir: os.tmpdir(),
        platform: 'linux' as const,
      };
      const layout = { version: '2026.9' as const, reason: 'test', hashDefaultPort: true, legacyWorkspaceDefault: false };
      const profile = resolveProfile(discovered, invocation, layout);
      expect([profile.configPath, profile.problems, profile.gatewayPort.port, profile.cliPort.port, profile.cliPort.source]).toEqual([
        path.join(stateDir, 'openclaw.json'),
        [],
        19789,
        23532,
        'profile-hash',
      ]);
    } finally {
      fs.rmSync(home, { recursive: true, force: true });
    }
  });
});
