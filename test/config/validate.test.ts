import { describe, expect, it } from 'vitest';
import { validateConfigValues } from '../../src/config/validate.js';

describe('config value types', () => {
  it('names a port written as a string as a wrong type, the way OpenClaw 2026.9.6 rejects it', () => {
    expect(validateConfigValues({ gateway: { port: '19789' } }, '/home/op/.openclaw-rescue/openclaw.json')).toEqual([
      {
        severity: 'error',
        file: '/home/op/.openclaw-rescue/openclaw.json',
        path: 'gateway.port',
        message:
          'gateway.port is a string, not a number: OpenClaw rejects the config ("expected number, received string") and ignores the key; write it without quotes (19789), not "19789"',
      },
    ]);
  });

  it('keeps the range message for other wrong ports', () => {
    expect(validateConfigValues({ gateway: { port: 70000 } }, '/c.json').map((problem) => problem.message)).toEqual([
      'gateway.port must be a whole number from 1 to 65535, not 70000',
    ]);
  });
});
