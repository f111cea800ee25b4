// Hostile configs: devices, FIFOs, oversize files, exponential include trees, ${VAR} floods and secrets in messages.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig, MAX_INCLUDE_LOADS } from '../../src/config/load.js';
import { MAX_SUBSTITUTED_CHARS } from '../../src/config/substitute.js';
import { validateConfigValues } from '../../src/config/validate.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function tree(files: Record<string, string> = {}): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clawdoc-hostile-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}

function mkfifo(file: string): void {
  execFileSync('mkfifo', [file]);
}

function messages(configPath: string, includeRoots: string[] = []): string[] {
  return loadConfig(configPath, {}, { includeRoots }).problems.map((problem) => problem.message.split(path.dirname(configPath)).join('~'));
}

describe('a config that is not a regular file', () => {
  it.each([
    ['/dev/zero', 'a character device'],
    ['/dev/urandom', 'a character device'],
  ])('%s as config, through a symlink', (device, kind) => {
    const dir = tree();
    fs.symlinkSync(device, path.join(dir, 'openclaw.json'));
    const loaded = loadConfig(path.join(dir, 'openclaw.json'), {});
    expect(loaded.config).toBeNull();
    expect(loaded.problems.map((problem) => problem.message.split(dir).join('~'))).toEqual([
      `~/openclaw.json is ${kind}, not a regular file; a config must be a regular file`,
    ]);
  });

  it('/dev/zero as an include, allowed by OPENCLAW_INCLUDE_ROOTS', () => {
    const dir = tree({ 'openclaw.json': '{ $include: "./zero.json5", gateway: { port: 19789 } }' });
    fs.symlinkSync('/dev/zero', path.join(dir, 'zero.json5'));
    expect(messages(path.join(dir, 'openclaw.json'), ['/dev'])).toEqual([
      '~/zero.json5 is a character device, not a regular file; a config must be a regular file (included from ~/openclaw.json)',
    ]);
  });

  it('a FIFO as config and as include does not block', () => {
    const dir = tree({ 'openclaw.json': '{ $include: "./pipe.json5" }' });
    mkfifo(path.join(dir, 'pipe.json5'));
    expect(messages(path.join(dir, 'openclaw.json'))).toEqual([
      '~/pipe.json5 is a FIFO (named pipe), not a regular file; a config must be a regular file (included from ~/openclaw.json)',
    ]);
    expect(messages(path.join(dir, 'pipe.json5'))).toEqual(['~/pipe.json5 is a FIFO (named pipe), not a regular file; a config must be a regular file']);
  });

  it('a main config over 2 MiB is refused like an include', () => {
    const dir = tree({ 'openclaw.json': `{ pad: "${'x'.repeat(2 * 1024 * 1024)}" }` });
    expect(messages(path.join(dir, 'openclaw.json'))).toEqual([
      '~/openclaw.json is larger than 2 MiB; clawdoc reads no config over 2 MiB, the limit OpenClaw sets for includes',
    ]);
  });
});

describe('nesting', () => {
  it('a million nested arrays is a problem, not a crash', () => {
    const dir = tree({ 'openclaw.json': `{ a: ${'['.repeat(1_000_000)}${']'.repeat(1_000_000)} }` });
    expect(messages(path.join(dir, 'openclaw.json'))).toEqual(['cannot load ~/openclaw.json: its values nest too deeply to walk']);
  });
});

describe('include trees', () => {
  /** `l0` includes `l1` `fanOut` times, `l1` includes `l2` as often, and so on: fanOut^depth loads from depth+1 files. */
  function fanOutTree(fanOut: number, depth: number): string {
    const files: Record<string, string> = { 'openclaw.json': '{ $include: "./l1.json5", gateway: { port: 19789 } }' };
    for (let level = 1; level < depth; level += 1) {
      files[`l${level}.json5`] = `{ $include: [${Array.from({ length: fanOut }, () => `"./l${level + 1}.json5"`).join(', ')}], n${level}: ${level} }`;
    }
    files[`l${depth}.json5`] = '{ leaf: [1] }';
    return path.join(tree(files), 'openclaw.json');
  }

  it.each([
    [10, 10],
    [4, 10],
  ])('fan-out %i over %i levels ends in under 2 s with the load cap', (fanOut, depth) => {
    const configPath = fanOutTree(fanOut, depth);
    const loaded = loadConfig(configPath, {});
    expect(loaded.config).toBeNull();
    expect(loaded.problems.map((problem) => problem.message.split(path.dirname(configPath)).join('~'))).toEqual([
      `the $include tree loads more than ${MAX_INCLUDE_LOADS} files (stopped at ./l${depth}.json5, included from ~/l${depth - 1}.json5); OpenClaw limits only include depth (10) and file size (2 MiB), so a tree like this can stall its startup; clawdoc stops reading it`,
    ]);
    expect(loaded.problems[0]).toMatchObject({ severity: 'error', path: '$include', file: path.join(path.dirname(configPath), `l${depth - 1}.json5`) });
  });

  it('a small fan-out tree under the cap still loads', () => {
    const configPath = fanOutTree(3, 4);
    const loaded = loadConfig(configPath, {});
    expect(loaded.problems).toEqual([]);
    expect(loaded.config).toMatchObject({ gateway: { port: 19789 }, n1: 1 });
    expect((loaded.config as { leaf: number[] }).leaf).toHaveLength(27);
  });

  it('caps the bytes of the whole tree at 8 MiB', () => {
    const dir = tree({
      'openclaw.json': '{ $include: ["./big.json5", "./big.json5", "./big.json5", "./big.json5", "./big.json5"] }',
      'big.json5': `{ pad: "${'x'.repeat(1900 * 1024)}" }`,
    });
    expect(messages(path.join(dir, 'openclaw.json'))).toEqual([
      'the config and its includes hold more than 8 MiB in total (stopped at ~/big.json5, included from ~/openclaw.json); OpenClaw limits only include depth (10) and file size (2 MiB), so a tree like this can stall its startup; clawdoc stops reading it',
    ]);
  });
});

describe('${VAR} floods', () => {
  it('gives one problem per missing variable, with its count, for 200k references', () => {
    const dir = tree({
      'openclaw.json': `{ gateway: { port: 19789 }, list: [${'"${NOPE}",'.repeat(100_000)}], text: "${'${NOPE}'.repeat(100_000)} \${OTHER_NOPE}" }`,
    });
    const loaded = loadConfig(path.join(dir, 'openclaw.json'), {});
    expect(loaded.problems).toEqual([
      {
        severity: 'warning',
        message: 'Missing env var "NOPE" - feature using this value will be unavailable (referenced 200000 times, first at list[0])',
        file: path.join(dir, 'openclaw.json'),
        path: 'list[0]',
      },
      {
        severity: 'warning',
        message: 'Missing env var "OTHER_NOPE" - feature using this value will be unavailable',
        file: path.join(dir, 'openclaw.json'),
        path: 'text',
      },
    ]);
    expect(loaded.config).toMatchObject({ gateway: { port: 19789 } });
  });

  it('refuses an expansion past its cap instead of building it', () => {
    const dir = tree({ 'openclaw.json': `{ text: "${'${BIG}'.repeat(2000)}" }` });
    const loaded = loadConfig(path.join(dir, 'openclaw.json'), { BIG: 'x'.repeat(128 * 1024) });
    expect(loaded.config).toBeNull();
    expect(loaded.problems.map((problem) => problem.message)).toEqual([
      `\${VAR} substitution expands the config past ${MAX_SUBSTITUTED_CHARS / 1024 / 1024} MiB (at text, \${BIG}); clawdoc stops expanding it`,
    ]);
  });
});

describe('wrong values by the thousand', () => {
  it('lists the first 20 and counts the rest', () => {
    const profiles = Object.fromEntries(Array.from({ length: 50_000 }, (_, index) => [`p${index}`, { cdpPort: 'x' }]));
    const found = validateConfigValues({ browser: { profiles } }, '/c.json');
    expect(found).toHaveLength(21);
    expect(found[0]?.message).toBe('browser.profiles.p0.cdpPort must be a whole number from 1 to 65535, not "x"');
    expect(found[20]).toEqual({ severity: 'error', file: '/c.json', message: 'and 49980 more keys with wrong values (the first 20 are listed)' });
  });
});

describe('secrets in problem messages', () => {
  const token = 'tok-5f0c1d2e3a4b5c6d7e8f9a0b1c2d3e4f';

  it('never echoes a value that came from ${VAR}, and names the variable instead', () => {
    const dir = tree({ 'openclaw.json': '{ gateway: { port: "${OPENCLAW_GATEWAY_TOKEN}", bind: "x-${OPENCLAW_GATEWAY_TOKEN}" } }' });
    const configPath = path.join(dir, 'openclaw.json');
    const loaded = loadConfig(configPath, { OPENCLAW_GATEWAY_TOKEN: token });
    const found = validateConfigValues(loaded.config!, configPath, loaded.substituted).map((problem) => problem.message);
    expect(found).toEqual([
      'gateway.port must be a whole number from 1 to 65535, not the value of ${OPENCLAW_GATEWAY_TOKEN} (not shown)',
      'gateway.bind must be one of loopback, lan, tailnet, auto, custom, not the value of ${OPENCLAW_GATEWAY_TOKEN} (not shown)',
    ]);
    expect(found.join('\n')).not.toContain(token.slice(0, 8));
  });

  it('does not echo a literal string under a secret-shaped key', () => {
    const found = validateConfigValues({ browser: { profiles: { apiKeyed: { cdpPort: token } } } }, '/c.json');
    expect(found.map((problem) => problem.message)).toEqual([
      'browser.profiles.apiKeyed.cdpPort must be a whole number from 1 to 65535, not a string (not shown: the key holds a secret)',
    ]);
  });

  it('still echoes a harmless literal', () => {
    expect(validateConfigValues({ gateway: { port: 'abc' } }, '/c.json').map((problem) => problem.message)).toEqual([
      'gateway.port must be a whole number from 1 to 65535, not "abc"',
    ]);
  });
});
