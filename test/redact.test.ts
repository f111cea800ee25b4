import { describe, expect, it } from 'vitest';
import { redact, redactKnown } from '../src/redact.js';

describe('redact', () => {
  it.each([
    ['openclaw-gateway --token s3cr3t-value --port 1', 'openclaw-gateway --token *** --port 1'],
    ['node gw.js --password=hunter2', 'node gw.js --password=***'],
    ['ws://admin:pa55@127.0.0.1:9222/devtools', 'ws://***@127.0.0.1:9222/devtools'],
    ['GET /x?token=abc123&y=1', 'GET /x?token=***&y=1'],
    ['Authorization: Bearer abc.def-ghi', 'Authorization: Bearer ***'],
    ['bot 123456789:AAHfiqksKZ8WmR2zSjiQ7_v4TMAKdiHm9T0 here', 'bot *** here'],
    ['OPENCLAW_GATEWAY_TOKEN=xyz node', 'OPENCLAW_GATEWAY_TOKEN=*** node'],
  ])('%s', (input, output) => {
    expect(redact(input)).toBe(output);
  });

  it('leaves plain command lines alone', () => {
    expect(redact('python3 -m http.server 19791')).toBe('python3 -m http.server 19791');
  });

  it('removes known secret values wherever they appear', () => {
    expect(redactKnown('a TOKEN-123 b TOKEN-123', ['TOKEN-123'])).toBe('a *** b ***');
  });
});
