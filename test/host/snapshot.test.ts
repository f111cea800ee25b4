import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { listenersFromConnections, normaliseAddress, takeSnapshot } from '../../src/host/snapshot.js';
import { decodeProcAddress, parseProcNetTcp } from '../../src/host/proc-net.js';

const servers: net.Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

describe('socket table normalisation', () => {
  it.each([
    ['127.0.0.1', '127.0.0.1', 'ipv4'],
    ['[::1]', '::1', 'ipv6'],
    ['::1', '::1', 'ipv6'],
    ['*', '0.0.0.0', 'ipv4'],
    ['[::]', '::', 'ipv6'],
    ['0.0.0.0', '0.0.0.0', 'ipv4'],
    ['fe80::1%eth0', 'fe80::1', 'ipv6'],
    ['[fe80::1%eth0]', 'fe80::1', 'ipv6'],
    ['::ffff:127.0.0.1', '127.0.0.1', 'ipv4'],
  ])('%s -> %s', (raw, address, family) => {
    expect(normaliseAddress(raw)).toEqual({ address, family });
  });

  it('keeps LISTEN rows only, parses string ports, and treats null/NaN/0 pids as hidden', () => {
    expect(
      listenersFromConnections([
        { protocol: 'tcp', localAddress: '127.0.0.1', localPort: '18789', state: 'LISTEN', pid: 4100 },
        { protocol: 'tcp6', localAddress: '::1', localPort: '18789', state: 'LISTEN', pid: 4100 },
        { protocol: 'tcp', localAddress: '*', localPort: '8787', state: 'LISTEN', pid: Number.NaN },
        { protocol: 'tcp', localAddress: '127.0.0.1', localPort: '18789', state: 'TIME_WAIT', pid: null },
        { protocol: 'udp', localAddress: '0.0.0.0', localPort: '5353', state: 'LISTEN', pid: 1 },
      ]),
    ).toEqual([
      { address: '127.0.0.1', family: 'ipv4', port: 18789, pid: 4100 },
      { address: '::1', family: 'ipv6', port: 18789, pid: 4100 },
      { address: '0.0.0.0', family: 'ipv4', port: 8787, pid: null },
    ]);
  });

  it('decodes /proc/net/tcp rows', () => {
    expect(decodeProcAddress('0100007F')).toBe('127.0.0.1');
    expect(decodeProcAddress('00000000000000000000000001000000')).toBe('::1');
    expect(decodeProcAddress('00000000000000000000000000000000')).toBe('::');
    const table = [
      '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode',
      '   0: 0100007F:4965 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 123456 1 0000000000000000 100 0 0 10 0',
      '   1: 0100007F:4965 0100007F:D431 01 00000000:00000000 00:00000000 00000000     0        0 123457 1 0000000000000000 100 0 0 10 0',
    ].join('\n');
    expect(parseProcNetTcp(table)).toEqual([{ address: '127.0.0.1', port: 18789, inode: '123456' }]);
  });
});

describe('takeSnapshot', () => {
  it('lists a real loopback listener with this process as its owner', async () => {
    const server = net.createServer();
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as net.AddressInfo).port;
    const snapshot = await takeSnapshot({ lockPids: [process.pid, 999_999_999], timeoutMs: 5000 });
    expect(snapshot.ok).toBe(true);
    expect(snapshot.listeners).toContainEqual({ address: '127.0.0.1', family: 'ipv4', port, pid: process.pid });
    expect(snapshot.processes[process.pid]?.argv[0]).toBe(process.execPath);
    expect(snapshot.alivePids).toEqual({ [process.pid]: true, 999999999: false });
  });
});
