// Config loading as OpenClaw does it: JSON5, $include merge rules, ${VAR} substitution.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig, mergeDeep } from '../../src/config/load.js';
import { substituteEnv } from '../../src/config/substitute.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function tree(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clawdoc-load-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

describe('loadConfig', () => {
  it('reads JSON5 with comments and trailing commas', () => {
    const dir = tree({ 'openclaw.json': '// main\n{ gateway: { port: 18789, }, /* c */ }' });
    expect(loadConfig(path.join(dir, 'openclaw.json'), {})).toEqual({
      exists: true,
      config: { gateway: { port: 18789 } },
      files: [path.join(dir, 'openclaw.json')],
      problems: [],
      substituted: new Map(),
    });
  });

  it('treats a missing config as absent, not broken', () => {
    expect(loadConfig('/nonexistent/openclaw.json', {})).toEqual({ exists: false, config: null, files: [], problems: [], substituted: new Map() });
  });

  it('merges includes: objects deep, arrays concatenated, later includes over earlier, siblings over all', () => {
    const dir = tree({
      'openclaw.json': '{ $include: ["./a.json5", "./b.json5"], gateway: { bind: "loopback" }, list: [3] }',
      'a.json5': '{ gateway: { port: 1, bind: "lan" }, list: [1], only: "a" }',
      'b.json5': '{ gateway: { port: 2 }, list: [2], nested: { $include: "./sub/c.json5" } }',
      'sub/c.json5': '{ deep: true }',
    });
    const loaded = loadConfig(path.join(dir, 'openclaw.json'), {});
    expect(loaded.problems).toEqual([]);
    expect(loaded.config).toEqual({ gateway: { port: 2, bind: 'loopback' }, list: [1, 2, 3], only: 'a', nested: { deep: true } });
    expect(loaded.files.map((file) => path.relative(dir, file))).toEqual(['openclaw.json', 'a.json5', 'b.json5', 'sub/c.json5']);
  });

  it('lets a single include supply a non-object value when it has no siblings', () => {
    const dir = tree({ 'openclaw.json': '{ agents: { list: { $include: "./agents.json5" } } }', 'agents.json5': '[{ id: "ops" }]' });
    expect(loadConfig(path.join(dir, 'openclaw.json'), {}).config).toEqual({ agents: { list: [{ id: 'ops' }] } });
  });

  it('allows includes under OPENCLAW_INCLUDE_ROOTS and refuses them elsewhere', () => {
    const shared = tree({ 'shared.json5': '{ logging: { file: "/var/log/x.log" } }' });
    const dir = tree({ 'openclaw.json': `{ $include: "${path.join(shared, 'shared.json5')}" }` });
    expect(loadConfig(path.join(dir, 'openclaw.json'), { OPENCLAW_INCLUDE_ROOTS: shared }).config).toEqual({ logging: { file: '/var/log/x.log' } });
    const refused = loadConfig(path.join(dir, 'openclaw.json'), {});
    expect(refused.config).toBeNull();
    expect(refused.problems[0]?.message).toContain('lies outside the config dir');
  });

  it('substitutes ${VAR} after merging, keeps a missing one literally and warns with its key', () => {
    const dir = tree({
      'openclaw.json': '{ $include: "./auth.json5", gateway: { port: 1 } }',
      'auth.json5': '{ gateway: { auth: { token: "${GW_TOKEN}", note: "$${GW_TOKEN} stays", other: "${MISSING_ONE}" } } }',
    });
    const loaded = loadConfig(path.join(dir, 'openclaw.json'), { GW_TOKEN: 'secret' });
    expect(loaded.config).toEqual({ gateway: { port: 1, auth: { token: 'secret', note: '${GW_TOKEN} stays', other: '${MISSING_ONE}' } } });
    expect(loaded.problems).toEqual([
      {
        severity: 'warning',
        message: 'Missing env var "MISSING_ONE" - feature using this value will be unavailable',
        file: path.join(dir, 'openclaw.json'),
        path: 'gateway.auth.other',
      },
    ]);
  });
});

describe('substituteEnv', () => {
  it('treats an empty variable as missing and ignores names that are not [A-Z_][A-Z0-9_]*', () => {
    expect(substituteEnv({ a: '${EMPTY}', b: '${lower}', c: ['x${N1}y'] }, { EMPTY: '', N1: '-' })).toEqual({
      value: { a: '${EMPTY}', b: '${lower}', c: ['x-y'] },
      missing: [{ name: 'EMPTY', path: 'a', count: 1 }],
      substituted: new Map([['x-y', ['N1']]]),
    });
  });
});

describe('mergeDeep', () => {
  it('does not mutate its inputs', () => {
    const target = { a: { b: 1 } };
    expect(mergeDeep(target, { a: { c: 2 } })).toEqual({ a: { b: 1, c: 2 } });
    expect(target).toEqual({ a: { b: 1 } });
  });
});
