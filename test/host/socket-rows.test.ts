// Normalising socket rows as netstat and ss print them (through systeminformation), and /proc/net/tcp rows.
import { describe, expect, it } from 'vitest';
import { listenersFromRows, normaliseAddress } from '../../src/host/socket-rows.js';
import { decodeProcAddress, parseProcNetTcp } from '../../src/host/proc-net.js';

describe('normaliseAddress', () => {
  // Rows measured here through systeminformation 5.33: netstat (net-tools) and, with netstat off PATH, ss (iproute2).
  it.each([
    ['netstat 127.0.0.1', '127.0.0.1', 'tcp', '127.0.0.1', 'ipv4'],
    ['netstat 0.0.0.0', '0.0.0.0', 'tcp', '0.0.0.0', 'ipv4'],
    ['netstat ::1', '::1', 'tcp6', '::1', 'ipv6'],
    ['netstat ::', '::', 'tcp6', '::', 'ipv6'],
    ['netstat v4-mapped (printed as tcp6 127.0.0.1)', '127.0.0.1', 'tcp6', '127.0.0.1', 'ipv4'],
    ['ss [::1] (protocol tcp)', '[::1]', 'tcp', '::1', 'ipv6'],
    ['ss * is the dual-stack ::', '*', 'tcp', '::', 'ipv6'],
    ['ss [::] (v6only)', '[::]', 'tcp', '::', 'ipv6'],
    ['ss [::ffff:127.0.0.1]', '[::ffff:127.0.0.1]', 'tcp', '127.0.0.1', 'ipv4'],
    ['macOS tcp4 *', '*', 'tcp4', '0.0.0.0', 'ipv4'],
    ['macOS tcp46 *', '*', 'tcp46', '::', 'ipv6'],
    ['link-local with zone', 'fe80::1%eth0', 'tcp6', 'fe80::1', 'ipv6'],
    ['ss link-local with zone', '[fe80::1%eth0]', 'tcp', 'fe80::1', 'ipv6'],
    ['upper-case IPv6', 'FE80::ABCD', 'tcp6', 'fe80::abcd', 'ipv6'],
    ['long zero form', '0:0:0:0:0:0:0:0', 'tcp6', '::', 'ipv6'],
  ])('%s', (_name, raw, protocol, address, family) => {
    expect(normaliseAddress(raw, protocol)).toEqual({ address, family });
  });
});

describe('listenersFromRows', () => {
  it('keeps TCP LISTEN rows, parses string ports, and treats null/NaN/0/"-" pids as hidden', () => {
    expect(
      listenersFromRows([
        { protocol: 'tcp', localAddress: '127.0.0.1', localPort: '18789', state: 'LISTEN', pid: 4100 },
        { protocol: 'tcp6', localAddress: '::1', localPort: '18789', state: 'LISTEN', pid: 4100 },
        { protocol: 'tcp', localAddress: '*', localPort: '8787', state: 'LISTEN', pid: Number.NaN },
        { protocol: 'tcp', localAddress: '0.0.0.0', localPort: '2024', state: 'LISTEN', pid: null },
        { protocol: 'tcp', localAddress: '0.0.0.0', localPort: '2025', state: 'LISTEN', pid: 0 },
        { protocol: 'tcp', localAddress: '0.0.0.0', localPort: '2026', state: 'LISTEN', pid: '-' },
        { protocol: 'tcp', localAddress: '127.0.0.1', localPort: '18789', state: 'TIME_WAIT', pid: null },
        { protocol: 'tcp', localAddress: '127.0.0.1', localPort: '40000', state: 'ESTABLISHED', pid: 4100 },
        { protocol: 'udp', localAddress: '0.0.0.0', localPort: '5353', state: 'LISTEN', pid: 1 },
        { protocol: 'tcp', localAddress: '127.0.0.1', localPort: '18789', state: 'LISTEN', pid: 4100 },
        { protocol: 'tcp', localAddress: '127.0.0.1', localPort: '', state: 'LISTEN', pid: 1 },
      ]),
    ).toEqual([
      { address: '127.0.0.1', family: 'ipv4', port: 18789, pid: 4100 },
      { address: '::1', family: 'ipv6', port: 18789, pid: 4100 },
      { address: '::', family: 'ipv6', port: 8787, pid: null },
      { address: '0.0.0.0', family: 'ipv4', port: 2024, pid: null },
      { address: '0.0.0.0', family: 'ipv4', port: 2025, pid: null },
      { address: '0.0.0.0', family: 'ipv4', port: 2026, pid: null },
    ]);
  });
});

describe('/proc/net/tcp', () => {
  it('decodes addresses', () => {
    expect(decodeProcAddress('0100007F')).toBe('127.0.0.1');
    expect(decodeProcAddress('00000000')).toBe('0.0.0.0');
    expect(decodeProcAddress('00000000000000000000000001000000')).toBe('::1');
    expect(decodeProcAddress('00000000000000000000000000000000')).toBe('::');
    expect(decodeProcAddress('0000000000000000FFFF00000100007F')).toBe('127.0.0.1');
    expect(decodeProcAddress('000080FE00000000FF00FC00010000FE')).toBe('fe80::fc:ff:fe00:1');
  });

  it('keeps LISTEN rows (state 0A) only', () => {
    const table = [
      '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode',
      '   0: 0100007F:4965 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 123456 1 0000000000000000 100 0 0 10 0',
      '   1: 0100007F:4965 0100007F:D431 01 00000000:00000000 00:00000000 00000000     0        0 123457 1 0000000000000000 100 0 0 10 0',
      '   2: 0100007F:4966 0100007F:D432 06 00000000:00000000 03:00001234 00000000     0        0 0 3 0000000000000000',
    ].join('\n');
    expect(parseProcNetTcp(table)).toEqual([{ address: '127.0.0.1', port: 18789, inode: '123456' }]);
  });
});
