import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { wrap, wrapCommand } from '../../src/report/wrap.js';

describe('wrap', () => {
  it('wraps at the width with an indent and keeps long words whole', () => {
    expect(wrap('aaa bbb ccc ddd', '  ', 9)).toBe('  aaa bbb\n  ccc ddd');
    expect(wrap('x /a/very/long/path/that/does/not/fit', '  ', 10)).toBe('  x\n  /a/very/long/path/that/does/not/fit');
    expect(wrap('fix: a b', '    ', 8, '> ')).toBe('> fix: a\n    b');
  });
});

describe('wrapCommand', () => {
  const argvOf = (script: string) =>
    execFileSync('/bin/sh', ['-c', `set -- ${script}; printf '%s\\0' "$@"`], { encoding: 'utf8' })
      .split('\0')
      .slice(0, -1);

  it('keeps a short command on one line', () => {
    expect(wrapCommand('openclaw --profile rescue status', '  $ ', '      ')).toBe('  $ openclaw --profile rescue status');
  });

  it('breaks a long one between words with a trailing backslash, quoted words whole, every line within 80 columns', () => {
    const command = `openclaw --profile rescue config set agents.defaults.workspace '/home/op/bots with spaces/rescue workspace/a/long/path/that/goes/on'`;
    const wrapped = wrapCommand(command, '      $ ', '          ');
    const lines = wrapped.split('\n');
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(80);
    for (const line of lines.slice(0, -1)) expect(line.endsWith(' \\')).toBe(true);
    // Pasted into a shell it is still the same command.
    expect(argvOf(wrapped.replace(/^ {6}\$ /, ''))).toEqual(argvOf(command));
  });
});
