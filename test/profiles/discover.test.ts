// Discovery and resolution over the sample homes: where each profile was found, its paths, port and workspace.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveHost as buildHostModel } from '../../src/pipeline.js';
import type { Invocation } from '../../src/model.js';
import { fixtureHome } from '../support/runtime.js';

function model(name: string, env: Record<string, string> = {}, selectedProfile: string | null = null) {
  const home = fixtureHome(name);
  const invocation: Invocation = { home, env, selectedProfile, uid: 1000, tmpDir: path.join(home, 'no-tmp'), platform: 'linux' };
  const built = buildHostModel(invocation, { layout: '2026.9' });
  const rel = (file: string | null) => (file === null ? null : path.relative(home, file));
  return built.profiles.map((profile) => ({
    name: profile.name,
    foundIn: profile.foundIn,
    stateDir: rel(profile.stateDir),
    configPath: rel(profile.configPath),
    port: `${profile.gatewayPort.port} ${profile.gatewayPort.source}`,
    cliPort: `${profile.cliPort.port} ${profile.cliPort.source}`,
    workspace: rel(profile.workspace),
    problems: profile.problems.map((problem) => problem.message),
  }));
}

describe('discover + resolve over sample homes', () => {
  it('healthy main + rescue', () => {
    expect(model('healthy-main-rescue')).toEqual([
      {
        name: 'main',
        foundIn: ['state-dir'],
        stateDir: '.openclaw-main',
        configPath: '.openclaw-main/openclaw.json',
        port: '18789 config',
        cliPort: '18789 config',
        workspace: '.openclaw-main/workspace',
        problems: [],
      },
      {
        name: 'rescue',
        foundIn: ['state-dir'],
        stateDir: '.openclaw-rescue',
        configPath: '.openclaw-rescue/openclaw.json',
        port: '19789 config',
        cliPort: '19789 config',
        workspace: '.openclaw-rescue/workspace',
        problems: [],
      },
    ]);
  });

  it('a systemd unit with --port: the service port wins, the CLI still resolves the hash', () => {
    expect(model('systemd-port').find((profile) => profile.name === 'rescue')).toEqual({
      name: 'rescue',
      foundIn: ['state-dir', 'systemd'],
      stateDir: '.openclaw-rescue',
      configPath: '.openclaw-rescue/openclaw.json',
      port: '19789 flag',
      cliPort: '23532 profile-hash',
      workspace: '.openclaw-rescue/workspace',
      problems: [],
    });
  });

  it('legacy ~/.clawdbot with clawdbot.json is the default profile', () => {
    expect(model('legacy-clawdbot')).toEqual([
      {
        name: 'default',
        foundIn: ['legacy-state-dir'],
        stateDir: '.clawdbot',
        configPath: '.clawdbot/clawdbot.json',
        port: '18789 config',
        cliPort: '18789 config',
        workspace: '.clawdbot/workspace',
        problems: [],
      },
    ]);
  });

  it('an env-only OPENCLAW_PROFILE marks the default profile and changes none of its own facts (env/inherited-selectors reports the split)', () => {
    expect(model('env-only-profile', { OPENCLAW_PROFILE: 'rescue' })).toEqual([
      {
        name: 'default',
        foundIn: ['state-dir', 'env'],
        stateDir: '.openclaw',
        configPath: '.openclaw/openclaw.json',
        port: '18789 config',
        cliPort: '18789 config',
        workspace: '.openclaw/workspace',
        problems: [],
      },
    ]);
  });

  it('an include tree merges into one config, siblings winning', () => {
    expect(model('include-tree')[0]).toMatchObject({ name: 'main', port: '18789 config', workspace: '.openclaw-main/workspace', problems: [] });
  });

  it('--profile for a profile that does not exist yet shows where it would live', () => {
    expect(model('healthy-main-rescue', {}, 'ops').find((profile) => profile.name === 'ops')).toEqual({
      name: 'ops',
      foundIn: ['flag'],
      stateDir: '.openclaw-ops',
      configPath: '.openclaw-ops/openclaw.json',
      port: '55291 profile-hash',
      cliPort: '55291 profile-hash',
      workspace: '.openclaw-ops/workspace',
      problems: [],
    });
  });

  it('a unit that only mentions openclaw in a path is not a gateway service', () => {
    expect(model('not-a-gateway-unit').map((profile) => profile.foundIn)).toEqual([['state-dir']]);
  });
});
