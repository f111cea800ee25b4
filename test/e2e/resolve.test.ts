// Issue: clawdoc resolves the same config path, state dir and gateway port as OpenClaw itself.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertInstalled, clawdoc, makeHome, NODE26, openclaw, removeHomes } from './openclaw.js';

interface GatewayStatusJson {
  config: { cli: { path: string } };
  gateway: { port: number };
}

let home: string;

beforeAll(() => {
  assertInstalled();
  home = makeHome();
  for (const [args, what] of [
    [['config', 'set', 'gateway.bind', 'loopback'], 'default'],
    [['--profile', 'main', 'config', 'set', 'gateway.port', '18789'], 'main'],
    [['--profile', 'rescue', 'config', 'set', 'agents.defaults.workspace', path.join(home, 'rescue-workspace')], 'rescue'],
  ] as const) {
    const result = openclaw(home, [...args]);
    if (result.code !== 0) throw new Error(`openclaw config set for ${what} failed: ${result.stderr}`);
  }
});

afterAll(() => removeHomes());

describe('clawdoc resolves profiles as OpenClaw does', () => {
  it.each([
    ['default', []],
    ['main', ['--profile', 'main']],
    ['rescue', ['--profile', 'rescue']],
  ])('%s: config path, state dir and port match `openclaw gateway status --json`', (name, profileArgs) => {
    const theirs = openclaw(home, [...profileArgs, 'gateway', 'status', '--json']);
    expect(theirs.code, theirs.stderr).toBe(0);
    const status = JSON.parse(theirs.stdout) as GatewayStatusJson;
    const ours = clawdoc(home, ['profiles', '--json']).json.profiles.find((profile: { name: string }) => profile.name === name);
    expect(ours).toMatchObject({
      configPath: status.config.cli.path,
      stateDir: path.dirname(status.config.cli.path),
      cliPort: status.gateway.port,
      gatewayPort: status.gateway.port,
    });
  });

  it('gives rescue, with no gateway.port, its profile-name hash port 23532', () => {
    const rescue = clawdoc(home, ['profiles', '--json']).json.profiles.find((profile: { name: string }) => profile.name === 'rescue');
    expect([rescue.gatewayPort, rescue.gatewayPortSource, rescue.workspace]).toEqual([23532, 'profile-hash', path.join(home, 'rescue-workspace')]);
  });

  it('runs under Node 26 too (the engine range is >= 20)', () => {
    const underNode26 = clawdoc(home, ['ports', '--all-profiles', '--json'], { node: NODE26 });
    expect(underNode26.code).toBe(0);
    expect(underNode26.json.profiles.map((profile: { name: string }) => profile.name)).toEqual(['default', 'main', 'rescue']);
  });
});
