// The hand-made WebSocket reader: frame parsing and the exact challenge shape measured on OpenClaw 2026.9.6.
import { describe, expect, it } from 'vitest';
import { isChallengeMessage, parseFrame, readChallenge } from '../../src/probe/websocket.js';
import { REAL_CHALLENGE, textFrame } from './servers.js';
import { freePort } from './servers.js';

describe('parseFrame', () => {
  it('reads the 16-bit length form the gateway uses (0x81 0x7e, 164 bytes)', () => {
    const frame = textFrame(REAL_CHALLENGE);
    expect([...frame.subarray(0, 4)]).toEqual([0x81, 0x7e, 0x00, 0xa4]);
    expect(parseFrame(frame)).toEqual({ opcode: 1, fin: true, masked: false, payload: Buffer.from(REAL_CHALLENGE) });
  });

  it('waits for the rest of a frame', () => {
    expect(parseFrame(Buffer.from([0x81]))).toBe('incomplete');
    expect(parseFrame(textFrame(REAL_CHALLENGE).subarray(0, 100))).toBe('incomplete');
  });

  it('refuses a frame announced larger than 64 KiB without waiting for it', () => {
    const header = Buffer.alloc(10);
    header[0] = 0x81;
    header[1] = 127;
    header.writeBigUInt64BE(10n ** 12n, 2);
    expect(parseFrame(header)).toBe('too-large');
  });

  it('skips the mask key of a masked frame and reports it', () => {
    const frame = Buffer.from([0x81, 0x82, 1, 2, 3, 4, 0x61 ^ 1, 0x62 ^ 2]);
    expect(parseFrame(frame)).toMatchObject({ masked: true, payload: Buffer.from([0x61 ^ 1, 0x62 ^ 2]) });
  });
});

describe('isChallengeMessage', () => {
  it.each([
    [REAL_CHALLENGE, true],
    ['{"type":"event","event":"connect.challenge","payload":{"nonce":"n"}}', true],
    ['{"event":"connect.challenge","payload":{"nonce":"n"}}', false],
    ['{"type":"event","event":"connect.challenge","payload":{"nonce":""}}', false],
    ['{"type":"event","event":"connect.challenge","payload":null}', false],
    ['not json', false],
  ])('%s -> %s', (text, expected) => {
    expect(isChallengeMessage(text)).toBe(expected);
  });
});

describe('readChallenge', () => {
  it('nothing listening', async () => {
    expect(await readChallenge('127.0.0.1', await freePort(), 400)).toEqual({ challenge: false, detail: 'nothing accepts connections there' });
  });
});
