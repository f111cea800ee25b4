import { describe, expect, it } from 'vitest';
import { visible, visibleAll } from '../../src/report/visible.js';

describe('visible', () => {
  it('escapes C0 controls, DEL and C1 controls, newlines and tabs included', () => {
    expect(visible('a\x1b[31mb\x07c\x00d\x7fe\x9bf\u0085g')).toBe('a\\x1b[31mb\\x07c\\x00d\\x7fe\\x9bf\\x85g');
    expect(visible('one\ntwo\rthree\tfour')).toBe('one\\ntwo\\rthree\\tfour');
  });

  it('escapes bidi overrides and isolates, zero-width marks and line separators', () => {
    expect(visible('\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069')).toBe('\\u202a\\u202b\\u202c\\u202d\\u202e\\u2066\\u2067\\u2068\\u2069');
    expect(visible('a\u200bb\u200fc\u2028d\u2029e\ufefff\u061c')).toBe('a\\u200bb\\u200fc\\u2028d\\u2029e\\ufefff\\u061c');
  });

  it('leaves printable text alone: accents, CJK, emoji, backslashes, quotes', () => {
    const plain = `Zoë's 工作区 🦞 C:\\Users "x" ~/.openclaw-rescue · ✔`;
    expect(visible(plain)).toBe(plain);
  });
});

describe('visibleAll', () => {
  it('escapes every string and key, keeps numbers, nulls, booleans and functions, and leaves the input alone', () => {
    const run = () => 1;
    const input = { 'k\x1b': ['a\nb', 2, null, true, { deep: '\u202e' }], run };
    const output = visibleAll(input);
    expect(output).toEqual({ 'k\\x1b': ['a\\nb', 2, null, true, { deep: '\\u202e' }], run });
    expect(output.run).toBe(run);
    expect(input['k\x1b'][0]).toBe('a\nb');
  });

  it('keeps an object that appears twice as one object', () => {
    const profile = { name: 'x\x1b' };
    const output = visibleAll({ profiles: [profile], focus: [profile] });
    expect(output.focus[0]).toBe(output.profiles[0]);
  });
});
