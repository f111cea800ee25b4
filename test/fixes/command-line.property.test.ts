// Property: every printed fix command, parsed by a real POSIX shell, passes exactly the argv, env and redirect it was built from.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { renderPosix, UnsafeCommandValue, type CommandLine } from '../../src/fixes/command-line.js';
import {
  appendPlaceholderLine,
  chownLine,
  configSetArgs,
  configUnsetArgs,
  copyLine,
  gatewayInstallArgs,
  killLine,
  listDirLine,
  makeDirLine,
  moveLine,
  openclawEnvLine,
  openclawLine,
  removeLine,
  serviceLine,
  unsetLine,
} from '../../src/fixes/command-lines.js';

const SHELLS = ['/bin/sh', '/bin/bash', '/usr/bin/bash'].filter((shell) => fs.existsSync(shell)).slice(0, 2);
const RUNS = 200;
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'clawdoc-argv-'));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

// The characters a hostile service file, unit Environment= value or config key would use.
const HOSTILE = [
  "'",
  '"',
  '$',
  '(',
  ')',
  '`',
  ';',
  '|',
  '&',
  '\n',
  '\r',
  '\t',
  '\\',
  '*',
  '?',
  '~',
  '#',
  '!',
  '{',
  '}',
  '[',
  ']',
  '<',
  '>',
  '=',
  ' ',
  '-',
  '%',
  '^',
  '\u0000',
  '\u001b',
  '\u202e',
  '\u200b',
  'é',
  '名',
  '😀',
  'a',
  'Z',
  '0',
  '.',
  '/',
  '_',
  ':',
  '@',
];
const hostileString = fc.oneof(
  fc.string({ unit: fc.constantFrom(...HOSTILE), maxLength: 12 }),
  fc.constantFrom('', '-rf', '--%', '$(touch${IFS}X)', '`touch X`', "x';touch X;'", 'a\nb', '~root', '*', 'if', 'A=b', '\\', "'", '""'),
  fc.string({ unit: 'grapheme', maxLength: 8 }),
  fc.string({ unit: 'binary', maxLength: 6 }),
  // Names the builders accept, so every builder also gets cases that reach the shell.
  fc.stringMatching(/^[a-z0-9][a-z0-9.-]{0,10}$/),
  fc.stringMatching(/^\/[a-z0-9 ._-]{1,12}$/),
);

/** A refusal is only allowed for characters a terminal could hide or reorder. */
function refusedOnlyForInvisible(value: string): void {
  try {
    renderPosix({ argv: ['echo', value] });
  } catch (error) {
    expect(error).toBeInstanceOf(UnsafeCommandValue);
    expect(value).toMatch(/[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069\ufeff]|\p{Surrogate}/u);
  }
}

// Each case runs as `<rendered command with its program replaced by probe>`; probe prints its arguments and
// the variables named in PROBE_ENV NUL-terminated, then a \x01 ends the case (renderPosix refuses both bytes
// inside values, so neither can come from a case). One shell run per batch keeps 200 cases well under a second.
const PRELUDE = `probe() { printf '%s\\0' "$@"; for n in $PROBE_ENV; do eval "printf '%s\\0' \\"\\$$n\\""; done; }`;

interface Case {
  line: CommandLine;
  file: string | null;
}

/** Either the builder refuses with UnsafeCommandValue, or a case whose rendered form the shells must parse back. */
function build(make: () => CommandLine): Case | null {
  let line: CommandLine;
  try {
    line = make();
    renderPosix(line);
  } catch (error) {
    if (error instanceof UnsafeCommandValue) return null;
    throw error;
  }
  return { line, file: line.appendTo !== undefined ? path.resolve(scratch, line.appendTo) : null };
}

function probed(line: CommandLine): string {
  const env = line.env ?? {};
  return renderPosix({ ...line, argv: ['probe', ...line.argv], env: { ...env, PROBE_ENV: Object.keys(env).join(' ') } });
}

/** Runs every case through every shell once and checks the probe saw exactly each case's argv and env values. */
function expectParsedBack(makers: ReadonlyArray<() => CommandLine>): number {
  const files = new Set<string>();
  // Two cases appending to one file in the same run would read each other's output.
  const cases = makers
    .map((make) => build(make))
    .filter((entry): entry is Case => entry !== null && (entry.file === null || (!files.has(entry.file) && Boolean(files.add(entry.file)))));
  for (const shell of SHELLS) {
    const script = [PRELUDE, ...cases.map((entry) => `${probed(entry.line)}; printf '\\001'`)].join('\n');
    const records = execFileSync(shell, ['-c', script], { cwd: scratch, encoding: 'utf8', env: { PATH: process.env.PATH ?? '/usr/bin:/bin' } }).split('\u0001');
    cases.forEach((entry, i) => {
      let text = records[i] ?? '';
      if (entry.file) {
        text = fs.readFileSync(entry.file, 'utf8');
        fs.rmSync(entry.file);
      }
      const fields = text.split('\0').slice(0, -1);
      expect({ shell, argv: fields.slice(0, entry.line.argv.length), env: fields.slice(entry.line.argv.length) }).toEqual({
        shell,
        argv: entry.line.argv,
        env: Object.values(entry.line.env ?? {}),
      });
    });
  }
  return cases.length;
}

const sample = <T>(arbitrary: fc.Arbitrary<T>, runs = RUNS): T[] => fc.sample(arbitrary, { numRuns: runs });

describe('renderPosix through a real shell', () => {
  it('passes any list of words back unchanged, or refuses only invisible characters', () => {
    const lists = sample(fc.array(hostileString, { maxLength: 5 }));
    for (const words of lists) words.forEach(refusedOnlyForInvisible);
    expect(expectParsedBack(lists.map((words) => () => ({ argv: ['printf', ...words] })))).toBeGreaterThan(RUNS / 4);
  });

  it('scopes env values to the one command, unchanged', () => {
    expect(
      expectParsedBack(
        sample(fc.tuple(hostileString, hostileString)).map(
          ([stateDir, configPath]) =>
            () =>
              openclawEnvLine(stateDir, configPath, ['config', 'validate']),
        ),
      ),
    ).toBeGreaterThan(RUNS / 4);
  });

  it('refuses env names a shell would not read as one assignment', () => {
    fc.assert(
      fc.property(hostileString, (name) => {
        try {
          renderPosix({ argv: ['true'], env: { [name]: 'v' } });
          return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name);
        } catch (error) {
          return error instanceof UnsafeCommandValue;
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('appends to exactly the named file', () => {
    const names = sample(hostileString.filter((name) => name !== '.' && name !== '..' && !name.includes('/') && Buffer.byteLength(name) < 200));
    expect(expectParsedBack(names.map((name) => () => appendPlaceholderLine(name, 'TOKEN')))).toBeGreaterThan(RUNS / 4);
    expect(fs.readdirSync(scratch)).toEqual([]);
  });
});

describe('argv builders through a real shell', () => {
  const host = { platform: 'darwin' as const, uid: 501 };
  const managers = fc.constantFrom('systemd' as const, 'launchd' as const, 'schtasks' as const);
  const actions = fc.constantFrom('start' as const, 'restart' as const, 'disable' as const);
  const port = fc.oneof(fc.integer({ min: 1, max: 65535 }), fc.integer());

  it('openclaw commands: profile names, config keys and values', () => {
    const name = fc.oneof(hostileString, fc.constantFrom('default', 'dev', 'rescue', 'Main_2'));
    const key = fc.oneof(hostileString, fc.constantFrom('gateway.port', 'browser.profiles.work.cdpPort', 'agents.entries.a-1.workspace'));
    const inputs = sample(fc.tuple(name, key, hostileString, port));
    const checked = expectParsedBack(
      inputs.flatMap(([name, key, value, n]) => [
        () => openclawLine({ name }, configSetArgs(key, value)),
        () => openclawLine({ name }, configUnsetArgs(key)),
        () => openclawLine({ name }, configSetArgs(key, n)),
        () => openclawLine({ name }, gatewayInstallArgs(n)),
      ]),
    );
    expect(checked).toBeGreaterThan(RUNS / 10);
  });

  it('service commands: unit names, launchd labels, task names', () => {
    expect(
      expectParsedBack(
        sample(fc.tuple(managers, actions, hostileString)).map(
          ([manager, action, name]) =>
            () =>
              serviceLine(action, { manager, name }, host),
        ),
      ),
    ).toBeGreaterThan(RUNS / 10);
  });

  it('file commands: paths, pids, uids, variable names', () => {
    const inputs = sample(fc.tuple(hostileString, hostileString, fc.integer()));
    const checked = expectParsedBack(
      inputs.flatMap(([a, b, n]) => [
        () => moveLine(a, b),
        () => removeLine(a),
        () => makeDirLine(a, { parents: true }),
        () => makeDirLine(b, { mode: '700' }),
        () => copyLine(a, b, ['-a']),
        () => copyLine(a, b, ['-n']),
        () => listDirLine(a),
        () => chownLine(a, n),
        () => killLine(n),
        () => unsetLine([a, b]),
      ]),
    );
    expect(checked).toBeGreaterThan(RUNS);
  });
});
