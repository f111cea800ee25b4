// readChallenge over `ws`: the challenge shape OpenClaw documents and sends, against real `ws` servers and raw sockets.
import { afterEach, describe, expect, it } from 'vitest';
import { isChallengeMessage, MAX_MESSAGE_BYTES, readChallenge } from '../../src/probe/websocket.js';
import { acceptFor, closeServers, fakeGateway, freePort, raw, REAL_CHALLENGE, textFrame, wsGateway } from './servers.js';

const TIMEOUT = 400;
const HOST = '127.0.0.1';
afterEach(closeServers);

describe('isChallengeMessage', () => {
  it.each([
    [REAL_CHALLENGE, true],
    ['{"type":"event","event":"connect.challenge","payload":{"nonce":"n","ts":1737264000000}}', true],
    ['{"type":"event","event":"connect.challenge","payload":{"nonce":"n"}}', false],
    ['{"type":"event","event":"connect.challenge","payload":{"nonce":"n","ts":"1737264000000"}}', false],
    ['{"event":"connect.challenge","payload":{"nonce":"n","ts":1}}', false],
    ['{"type":"event","event":"connect.challenge","payload":{"nonce":"","ts":1}}', false],
    ['{"type":"event","event":"connect.challenge","payload":null}', false],
    ['{"type":"event","event":"tick","payload":{"nonce":"n","ts":1}}', false],
    ['not json', false],
  ])('%s -> %s', (text, expected) => {
    expect(isChallengeMessage(text)).toBe(expected);
  });
});

describe('readChallenge against a ws server', () => {
  it('reads the challenge, sends no credential, no extension offer and no frame, and hangs up without a close frame', async () => {
    let closeCode: number | null = null;
    const { port, seen } = await wsGateway({
      onOpen: (ws) => {
        ws.on('close', (code) => (closeCode = code));
        ws.send(REAL_CHALLENGE);
      },
    });
    expect(await readChallenge(HOST, port, TIMEOUT)).toEqual({ challenge: true, detail: 'connect.challenge event on upgrade' });
    expect(seen.upgrades).toHaveLength(1);
    const headers = seen.upgrades[0]!;
    expect(Object.keys(headers).sort()).toEqual(['connection', 'host', 'sec-websocket-key', 'sec-websocket-version', 'upgrade']);
    expect(headers.host).toBe(`${HOST}:${port}`);
    await expect.poll(() => closeCode).toBe(1006);
    expect(seen.messages).toEqual([]);
  });

  it('a challenge sent in fragments is one message', async () => {
    const half = REAL_CHALLENGE.length >> 1;
    const { port } = await wsGateway({
      onOpen: (ws) => {
        ws.send(REAL_CHALLENGE.slice(0, half), { fin: false });
        ws.send(REAL_CHALLENGE.slice(half), { fin: true });
      },
    });
    expect((await readChallenge(HOST, port, TIMEOUT)).challenge).toBe(true);
  });

  it('a ping before the challenge gets no pong, and the challenge still counts', async () => {
    let pongs = 0;
    const { port } = await wsGateway({
      onOpen: (ws) => {
        ws.on('pong', () => (pongs += 1));
        ws.ping();
        ws.send(REAL_CHALLENGE);
      },
    });
    expect((await readChallenge(HOST, port, TIMEOUT)).challenge).toBe(true);
    expect(pongs).toBe(0);
  });

  it.each([
    [
      'another event first',
      (send: (data: string | Buffer) => void) => send('{"type":"event","event":"tick","payload":{"nonce":"n","ts":1}}'),
      'the first message is not a connect.challenge event',
    ],
    [
      'the documented shape without ts',
      (send: (data: string | Buffer) => void) => send('{"type":"event","event":"connect.challenge","payload":{"nonce":"n"}}'),
      'the first message is not a connect.challenge event',
    ],
    ['a binary message', (send: (data: string | Buffer) => void) => send(Buffer.from(REAL_CHALLENGE)), 'the first message is binary, not text'],
    [
      'a message over the cap',
      (send: (data: string | Buffer) => void) => send('x'.repeat(MAX_MESSAGE_BYTES + 1)),
      `the first message is larger than ${MAX_MESSAGE_BYTES} bytes`,
    ],
  ])('%s is not a challenge', async (_name, first, detail) => {
    const { port } = await wsGateway({ onOpen: (ws) => first((data) => ws.send(data)) });
    expect(await readChallenge(HOST, port, TIMEOUT)).toEqual({ challenge: false, detail });
  });

  it('an HTTP server without WebSocket support', async () => {
    const { port } = await fakeGateway({});
    expect(await readChallenge(HOST, port, TIMEOUT)).toEqual({ challenge: false, detail: 'the upgrade was answered with HTTP 426' });
  });

  it('nothing listening', async () => {
    expect(await readChallenge(HOST, await freePort(), TIMEOUT)).toEqual({ challenge: false, detail: 'nothing accepts connections there' });
  });
});

describe('readChallenge against raw sockets', () => {
  const upgrade = (then: (socket: import('node:net').Socket) => void) =>
    raw((socket) => {
      socket.once('data', (chunk) => {
        const key = /sec-websocket-key: (\S+)/i.exec(chunk.toString('latin1'))?.[1] ?? '';
        socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${acceptFor(key)}\r\n\r\n`);
        then(socket);
      });
    });

  it('a challenge dribbled in 20-byte pieces after the 101 is still read', async () => {
    const port = await upgrade((socket) => {
      const frame = textFrame(REAL_CHALLENGE);
      let index = 0;
      const timer = setInterval(
        () => (index < frame.length && !socket.destroyed ? socket.write(frame.subarray(index, (index += 20))) : clearInterval(timer)),
        5,
      );
    });
    expect((await readChallenge(HOST, port, 1000)).challenge).toBe(true);
  });

  it('a 101 with the wrong accept key', async () => {
    const { port } = await fakeGateway({ badAccept: true, firstFrame: textFrame(REAL_CHALLENGE) });
    expect(await readChallenge(HOST, port, TIMEOUT)).toEqual({ challenge: false, detail: 'the 101 does not carry the Sec-WebSocket-Accept of our key' });
  });

  it('a masked frame from the server is a protocol error, not a challenge', async () => {
    const port = await upgrade((socket) => {
      const payload = Buffer.from(REAL_CHALLENGE);
      const mask = Buffer.from([1, 2, 3, 4]);
      socket.write(
        Buffer.concat([Buffer.from([0x81, 0xfe, payload.length >> 8, payload.length & 0xff]), mask, payload.map((byte, index) => byte ^ mask[index % 4]!)]),
      );
    });
    expect(await readChallenge(HOST, port, TIMEOUT)).toEqual({ challenge: false, detail: 'upgraded, then WS_ERR_UNEXPECTED_MASK' });
  });

  it('a frame announced at 100 GB is refused from its header', async () => {
    const port = await upgrade((socket) => {
      const header = Buffer.alloc(10);
      header[0] = 0x81;
      header[1] = 127;
      header.writeBigUInt64BE(100n * 1024n ** 3n, 2);
      socket.write(header);
    });
    const started = Date.now();
    expect(await readChallenge(HOST, port, 5000)).toEqual({ challenge: false, detail: `the first message is larger than ${MAX_MESSAGE_BYTES} bytes` });
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('an upgrade answer whose headers never end', async () => {
    const port = await raw((socket) => socket.once('data', () => socket.write('HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n')));
    expect(await readChallenge(HOST, port, TIMEOUT)).toEqual({ challenge: false, detail: `no upgrade within ${TIMEOUT} ms` });
  });
});
