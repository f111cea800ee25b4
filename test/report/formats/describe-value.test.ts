import { describe, expect, it } from 'vitest';
import { describeValue } from '../../../src/report/formats/describe-value.js';

describe('describeValue', () => {
  it('names the type or shows a short value', () => {
    expect([null, [1], { a: 1 }, 'x', 3, true, undefined].map(describeValue)).toEqual(['null', 'an array', 'an object', '"x"', '3', 'true', 'undefined']);
    expect(describeValue('y'.repeat(50))).toBe(`"${'y'.repeat(40)}…"`);
  });
});
