// Bind conflicts on Linux, one owner per pid, and "localhost" split between two owners.
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { blocksBind, groupByOwner, listenersOnPort, splitLocalhost } from '../../src/host/listeners.js';
import type { Listener } from '../../src/host/types.js';

const v4 = (address: string, pid: number | null, port = 18789): Listener => ({ address, family: 'ipv4', port, pid });
const v6 = (address: string, pid: number | null, port = 18789): Listener => ({ address, family: 'ipv6', port, pid });

describe('blocksBind', () => {
  it.each([
    ['127.0.0.1', '127.0.0.1', true],
    ['127.0.0.1', '0.0.0.0', true],
    ['0.0.0.0', '127.0.0.1', true],
    ['0.0.0.0', '192.168.1.5', true],
    ['::', '127.0.0.1', true],
    ['::', '::1', true],
    ['::', '0.0.0.0', true],
    ['127.0.0.1', '::', true],
    ['::1', '::1', true],
    ['127.0.0.1', '::1', false],
    ['::1', '127.0.0.1', false],
    ['0.0.0.0', '::1', false],
    ['127.0.0.1', '192.168.1.5', false],
    ['::1', 'fe80::1', false],
  ])('%s held, %s wanted -> %s', (held, wanted, blocks) => {
    expect(blocksBind(held, wanted)).toBe(blocks);
  });

  describe('agrees with the kernel', () => {
    const servers: net.Server[] = [];
    afterEach(async () => {
      await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
    });
    const bind = (address: string, port: number) =>
      new Promise<boolean>((resolve) => {
        const server = net.createServer();
        server.once('error', () => resolve(false));
        server.listen({ host: address, port, exclusive: true }, () => {
          servers.push(server);
          resolve(true);
        });
      });

    // Loopback pairs only (no LAN binds in tests); a wildcard as the held side binds every interface, so it is not tried.
    it.each([
      ['127.0.0.1', '127.0.0.1'],
      ['127.0.0.1', '::1'],
      ['::1', '127.0.0.1'],
      ['::1', '::1'],
    ])('%s then %s', async (held, wanted) => {
      expect(await bind(held, 0)).toBe(true);
      const port = (servers[0]!.address() as net.AddressInfo).port;
      expect(await bind(wanted, port)).toBe(!blocksBind(held, wanted));
    });
  });
});

describe('groupByOwner', () => {
  it('one pid on 127.0.0.1 and ::1 is one owner; hidden listeners stay apart', () => {
    expect(groupByOwner([v4('127.0.0.1', 4100), v6('::1', 4100), v4('127.0.0.1', null, 18790), v6('::1', null, 18790), v4('0.0.0.0', 5200)])).toEqual([
      { pid: 4100, listeners: [v4('127.0.0.1', 4100), v6('::1', 4100)], addresses: ['127.0.0.1', '::1'] },
      { pid: null, listeners: [v4('127.0.0.1', null, 18790)], addresses: ['127.0.0.1'] },
      { pid: null, listeners: [v6('::1', null, 18790)], addresses: ['::1'] },
      { pid: 5200, listeners: [v4('0.0.0.0', 5200)], addresses: ['0.0.0.0'] },
    ]);
  });
});

describe('listenersOnPort', () => {
  it('filters by port', () => {
    expect(listenersOnPort({ listeners: [v4('127.0.0.1', 1), v4('127.0.0.1', 2, 9)] }, 9)).toEqual([v4('127.0.0.1', 2, 9)]);
  });
});

describe('splitLocalhost', () => {
  it('one gateway on both loopbacks is not a split', () => {
    expect(splitLocalhost([v4('127.0.0.1', 4100), v6('::1', 4100)])).toBeNull();
  });

  it('two owners of 127.0.0.1 and ::1 are a split', () => {
    expect(splitLocalhost([v4('127.0.0.1', 4100), v6('::1', 5200)])).toEqual({ ipv4: [v4('127.0.0.1', 4100)], ipv6: [v6('::1', 5200)] });
  });

  it('a wildcard IPv4 listener and another owner on ::1 are a split', () => {
    expect(splitLocalhost([v4('0.0.0.0', 4100), v6('::1', 5200)])).not.toBeNull();
  });

  it('a visible pid on one side only proves another owner on the other', () => {
    expect(splitLocalhost([v4('127.0.0.1', null), v6('::1', 5200)])).not.toBeNull();
  });

  it('hidden on both sides cannot be told apart', () => {
    expect(splitLocalhost([v4('127.0.0.1', null), v6('::1', null)])).toBeNull();
  });

  it('one side only is not a split', () => {
    expect(splitLocalhost([v4('127.0.0.1', 4100)])).toBeNull();
    expect(splitLocalhost([v6('::', 4100)])).toBeNull();
  });
});
