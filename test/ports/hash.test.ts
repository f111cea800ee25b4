import { describe, expect, it } from 'vitest';
import { fnv1a32, profileHashPort } from '../../src/ports/hash.js';

describe('profile-name hash port', () => {
  it.each([
    ['main', 23592],
    ['rescue', 23532],
    ['ops', 55291],
    ['work', 41984],
    ['test', 53445],
    ['staging', 28422],
  ])('%s hashes to %i as in OpenClaw', (name, port) => {
    expect(profileHashPort(name)).toBe(port);
  });

  it('is FNV-1a 32 over UTF-8 bytes', () => {
    expect(fnv1a32('')).toBe(2166136261);
    expect(fnv1a32('a')).toBe(0xe40c292c);
    expect(fnv1a32('foobar')).toBe(0xbf9cf968);
    // 'é' is two UTF-8 bytes, 0xc3 0xa9: folded one byte at a time
    const manual = [0xc3, 0xa9].reduce((hash, byte) => Math.imul(hash ^ byte, 16777619) >>> 0, 2166136261);
    expect(fnv1a32('é')).toBe(manual);
  });

  it('is case-sensitive', () => {
    expect(profileHashPort('Rescue')).not.toBe(profileHashPort('rescue'));
  });
});
