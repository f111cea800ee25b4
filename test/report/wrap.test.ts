import { describe, expect, it } from 'vitest';
import { wrap } from '../../src/report/wrap.js';

describe('wrap', () => {
  it('wraps at the width with an indent and keeps long words whole', () => {
    expect(wrap('aaa bbb ccc ddd', '  ', 9)).toBe('  aaa bbb\n  ccc ddd');
    expect(wrap('x /a/very/long/path/that/does/not/fit', '  ', 10)).toBe('  x\n  /a/very/long/path/that/does/not/fit');
    expect(wrap('fix: a b', '    ', 8, '> ')).toBe('> fix: a\n    b');
  });
});
