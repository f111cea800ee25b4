// takeSnapshot on this host: real listeners on loopback, their owner's pid and argv, lock pid liveness; the systeminformation path.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readWithSystemInformation, revealHiddenOwners, takeSnapshot } from '../../src/host/snapshot.js';
import { watchLeftovers } from '../probe/leftovers.js';

const servers: net.Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

async function listen(host: string, port = 0): Promise<number> {
  const server = net.createServer();
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  return (server.address() as net.AddressInfo).port;
}

describe('takeSnapshot', () => {
  it('lists a loopback listener with this process as its owner, its argv, and which lock pids live', async () => {
    const port = await listen('127.0.0.1');
    const port6 = await listen('::1', port);
    const started = Date.now();
    const snapshot = await takeSnapshot({ lockPids: [process.pid, 999_999_999, 0, -1], timeoutMs: 5000 });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(snapshot).toMatchObject({ ok: true, error: null, root: process.getuid?.() === 0 });
    expect(snapshot.method).toBe(process.platform === 'linux' ? '/proc/net/tcp' : expect.stringMatching(/^systeminformation/));
    expect(snapshot.listeners.filter((listener) => listener.port === port)).toEqual([
      { address: '127.0.0.1', family: 'ipv4', port, pid: process.pid },
      { address: '::1', family: 'ipv6', port: port6, pid: process.pid },
    ]);
    expect(snapshot.processes[process.pid]).toMatchObject({ pid: process.pid, ppid: process.ppid });
    if (process.platform === 'linux') {
      // The kernel's record of this process's argv, whoever started it (vitest, a mutation runner).
      const argv = fs.readFileSync('/proc/self/cmdline', 'utf8').split('\0').filter(Boolean);
      expect(snapshot.processes[process.pid]?.argv).toEqual(argv);
      expect(snapshot.processes[process.pid]?.command).toBe(argv.join(' '));
    } else {
      expect(snapshot.processes[process.pid]?.command).toContain(process.argv[1]!);
    }
    // 0 and -1 address process groups, never "a live lock owner".
    expect(snapshot.alivePids).toEqual({ [process.pid]: true, 999999999: false, 0: false, [-1]: false });
    // Supervisor markers are read for the live lock pids only: this process's, not the dead or group pids.
    expect(Object.keys(snapshot.supervisorMarkers ?? {})).toEqual([String(process.pid)]);
    expect(snapshot.supervisorMarkers?.[process.pid]?.readable).toBe(process.platform === 'linux');
  });

  it('reports a v4-mapped bind (in /proc/net/tcp6) as the IPv4 address it is', async () => {
    const port = await listen('::ffff:127.0.0.1');
    const snapshot = await takeSnapshot({ lockPids: [], timeoutMs: 5000 });
    expect(snapshot.listeners.filter((listener) => listener.port === port)).toEqual([{ address: '127.0.0.1', family: 'ipv4', port, pid: process.pid }]);
  });
});

describe('readWithSystemInformation', () => {
  it('reads the same listener through netstat or ss', async () => {
    const port = await listen('127.0.0.1');
    const read = await readWithSystemInformation(5000);
    expect(read.method).toMatch(/^systeminformation/);
    expect(read.listeners).toContainEqual({ address: '127.0.0.1', family: 'ipv4', port, pid: process.pid });
  });

  it('tells "could not look" from "no listeners": with no netstat, ss or lsof an empty answer is an error', async () => {
    const path = process.env.PATH;
    process.env.PATH = '/nonexistent';
    try {
      await expect(readWithSystemInformation(5000)).rejects.toThrow(/returned no sockets, not even a test listener on 127\.0\.0\.1:\d+/);
    } finally {
      process.env.PATH = path;
    }
  });

  it.skipIf(process.platform === 'win32')(
    'a netstat and ss that hang are killed with the child when the look-up times out: no process, handle or timer left',
    async () => {
      const marker = `${31 + Math.random()}`.slice(0, 9);
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clawdoc-tarpit-'));
      for (const tool of ['netstat', 'ss', 'lsof']) fs.writeFileSync(path.join(dir, tool), `#!/bin/sh\nexec sleep ${marker}\n`, { mode: 0o755 });
      const sleepers = () =>
        execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' })
          .split('\n')
          .filter((line) => line.trim().endsWith(`sleep ${marker}`));
      const original = process.env.PATH;
      process.env.PATH = `${dir}${path.delimiter}${original}`;
      const watch = watchLeftovers();
      try {
        const read = readWithSystemInformation(1500);
        await expect.poll(sleepers, { timeout: 1400, interval: 50 }).toHaveLength(1);
        await expect(read).rejects.toThrow('systeminformation.networkConnections did not answer within 1500 ms');
        expect(watch.left()).toEqual({ handles: {}, timers: 0 });
        expect(sleepers()).toEqual([]);
      } finally {
        watch.stop();
        // Only when the kill failed: the sleepers this test started, by pid.
        for (const line of sleepers()) process.kill(Number.parseInt(line, 10), 'SIGKILL');
        process.env.PATH = original;
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  );

  it('a timeout is an error, not an empty table', async () => {
    await expect(readWithSystemInformation(0)).rejects.toThrow('systeminformation.networkConnections did not answer within 0 ms');
  });
});

describe('revealHiddenOwners (pid-port)', () => {
  it('fills a hidden pid on a port of interest, leaves others alone, and survives a port nobody holds', async () => {
    const port = await listen('127.0.0.1');
    const free = await listen('127.0.0.1');
    await new Promise((resolve) => servers.pop()!.close(resolve));
    const hidden = [
      { address: '127.0.0.1', family: 'ipv4' as const, port, pid: null },
      { address: '127.0.0.1', family: 'ipv4' as const, port: free, pid: null },
      { address: '0.0.0.0', family: 'ipv4' as const, port: 1, pid: null },
    ];
    expect(await revealHiddenOwners(hidden, new Set([port, free]), 5000)).toEqual([{ ...hidden[0], pid: process.pid }, hidden[1], hidden[2]]);
  });
});
