// Process info for a few pids: /proc on Linux, one bounded ps call elsewhere (parsed from Linux and macOS samples, and run live).
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describeProcesses, parsePs, psProcessInfo } from '../../src/host/processes.js';
import { watchLeftovers } from '../probe/leftovers.js';

const user = os.userInfo().username;

const fixture = (name: string) => fs.readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const CHROME = '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome';
const HELPER =
  '/Applications/Google Chrome.app/Contents/Frameworks/Google Chrome Framework.framework/Versions/156.0.8078.79/Helpers/Google Chrome Helper.app/Contents/MacOS/Google Chrome Helper';
const SUPPORT = '/Users/alice/Library/Application Support/OpenClaw';

describe('parsePs', () => {
  // Captured here (procps-ng): comm padded to 15 columns; a comm with a space; a gateway whose comm is cut at 15.
  it('Linux rows', () => {
    expect(parsePs(fixture('ps-linux.txt')).map(({ pid, ppid, user, name, command }) => ({ pid, ppid, user, name, command }))).toEqual([
      {
        pid: 1,
        ppid: 0,
        user: 'root',
        name: 'process_api',
        command: expect.stringMatching(/^\/process_api --firecracker-init --addr 0\.0\.0\.0:2024 .* --auth-required$/),
      },
      { pid: 28147, ppid: 1, user: 'root', name: 'Web Content', command: '/tmp/psfix/Web Content 300' },
      { pid: 28149, ppid: 28142, user: 'root', name: 'openclaw-gateway', command: 'openclaw-gateway' },
      { pid: 28150, ppid: 28142, user: 'root', name: 'node', command: 'node -e setTimeout(()=>{}, 300000) /tmp/some dir/app.js --port 18789' },
    ]);
  });

  // Laid out as Darwin's ps does (its keyword table: pid and ppid 5 wide, user and comm as wide as their widest value,
  // comm at least 16), not captured on a Mac: comm is the executable's full path, with spaces.
  it('macOS rows', () => {
    expect(parsePs(fixture('ps-macos.txt'))).toEqual([
      { pid: 1, ppid: 0, user: 'root', name: 'launchd', command: '/sbin/launchd', argv: [] },
      {
        pid: 812,
        ppid: 1,
        user: 'alice',
        name: 'Google Chrome',
        command: `${CHROME} --remote-debugging-port=18800 --user-data-dir=/Users/alice/.openclaw/browser/openclaw/user-data about:blank`,
        argv: [],
      },
      {
        pid: 901,
        ppid: 812,
        user: 'alice',
        name: 'Google Chrome Helper',
        command: `${HELPER} --type=utility --utility-sub-type=network.mojom.NetworkService --user-data-dir=/Users/alice/.openclaw/browser/openclaw/user-data`,
        argv: [],
      },
      { pid: 4101, ppid: 1, user: 'alice', name: 'zsh', command: '-zsh', argv: [] },
      { pid: 4135, ppid: 4101, user: '_openclaw', name: 'node', command: 'openclaw-gateway', argv: [] },
      { pid: 5001, ppid: 1, user: 'alice', name: 'node', command: `${SUPPORT}/bin/node ${SUPPORT}/openclaw.mjs gateway --profile work --port 23592`, argv: [] },
    ]);
  });

  it('macOS answers of one row, where no other row shows the column', () => {
    expect(
      fixture('ps-macos-one-row.txt')
        .split('\n')
        .filter(Boolean)
        .map((line) => parsePs(line)[0])
        .map((info) => [info?.name, info?.command.slice(0, 80)]),
    ).toEqual([
      ['Google Chrome', `${CHROME} --remote-debugging-port=18800`.slice(0, 80)],
      ['zsh', '-zsh'],
      ['node', 'openclaw-gateway'],
    ]);
  });

  it('ignores headers, blank lines and rows that are not ps rows', () => {
    expect(parsePs('  PID  PPID USER COMM ARGS\n\nps: illegal option\n')).toEqual([]);
  });
});

describe('psProcessInfo (live)', () => {
  it.skipIf(process.platform === 'win32')('a ps that hangs is killed at the timeout: no rows, nothing left behind', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clawdoc-ps-'));
    fs.writeFileSync(path.join(dir, 'ps'), '#!/bin/sh\nexec sleep 30\n', { mode: 0o755 });
    const original = process.env.PATH;
    process.env.PATH = `${dir}${path.delimiter}${original}`;
    const watch = watchLeftovers();
    try {
      const started = Date.now();
      expect(await psProcessInfo([process.pid], 300)).toEqual([]);
      expect(Date.now() - started).toBeLessThan(1300);
      expect(watch.left()).toEqual({ handles: {}, timers: 0 });
    } finally {
      watch.stop();
      process.env.PATH = original;
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('describes this process and ignores a pid that does not exist', async () => {
    const [info, ...rest] = await psProcessInfo([process.pid, 999_999_999], 5000);
    expect(rest).toEqual([]);
    expect(info).toMatchObject({ pid: process.pid, ppid: process.ppid, user: expect.stringMatching(new RegExp(`^${user.slice(0, 7)}`)) });
    // ps shows the argv the kernel has, whoever started this process (vitest, a mutation runner).
    const argv = process.platform === 'linux' ? fs.readFileSync('/proc/self/cmdline', 'utf8').split('\0').filter(Boolean) : [process.execPath];
    expect(info?.command).toContain(argv[argv.length - 1]!);
  });
});

describe.skipIf(process.platform !== 'linux')('describeProcesses (Linux /proc)', () => {
  it('reads argv, parent and user of the pids asked for, and adds their parents', async () => {
    const processes = await describeProcesses([process.pid, 999_999_999], 5000);
    expect(processes[process.pid]).toMatchObject({
      pid: process.pid,
      ppid: process.ppid,
      user,
      argv: fs.readFileSync('/proc/self/cmdline', 'utf8').split('\0').filter(Boolean),
    });
    expect(processes[999_999_999]).toBeUndefined();
    if (process.ppid > 1) expect(processes[process.ppid]?.pid).toBe(process.ppid);
  });
});
