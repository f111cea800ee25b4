// Process info for a few pids: /proc on Linux, the ps path elsewhere (parsed here from macOS-style rows, and run live).
import { describe, expect, it } from 'vitest';
import os from 'node:os';
import { describeProcesses, parsePs, psProcessInfo } from '../../src/host/processes.js';

const user = os.userInfo().username;

describe('parsePs', () => {
  it('joins the identity and command rows by pid, with spaces in comm and args', () => {
    const identity = ['  812     1 alice    /Applications/Google Chrome.app/Contents/MacOS/Google Chrome', ' 4135   812 _openclaw openclaw-gateway', ''].join('\n');
    const commands = ['  812 /Applications/Google Chrome.app/Contents/MacOS/Google Chrome --remote-debugging-port=18800 --user-data-dir=/Users/alice/.openclaw/browser/openclaw/user-data', ' 4135 openclaw-gateway'].join('\n');
    expect(parsePs(identity, commands)).toEqual([
      {
        pid: 812,
        ppid: 1,
        user: 'alice',
        name: 'Google Chrome',
        command: '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome --remote-debugging-port=18800 --user-data-dir=/Users/alice/.openclaw/browser/openclaw/user-data',
        argv: [],
      },
      { pid: 4135, ppid: 812, user: '_openclaw', name: 'openclaw-gateway', command: 'openclaw-gateway', argv: [] },
    ]);
  });
});

describe('psProcessInfo (live)', () => {
  it('describes this process and ignores a pid that does not exist', async () => {
    const [info, ...rest] = await psProcessInfo([process.pid, 999_999_999], 5000);
    expect(rest).toEqual([]);
    expect(info).toMatchObject({ pid: process.pid, ppid: process.ppid, user: expect.stringMatching(new RegExp(`^${user.slice(0, 7)}`)) });
    expect(info?.command).toContain(process.argv[1]!);
  });
});

describe.skipIf(process.platform !== 'linux')('describeProcesses (Linux /proc)', () => {
  it('reads argv, parent and user of the pids asked for, and adds their parents', async () => {
    const processes = await describeProcesses([process.pid, 999_999_999], 5000);
    expect(processes[process.pid]).toMatchObject({ pid: process.pid, ppid: process.ppid, user, argv: [process.execPath, ...process.execArgv, ...process.argv.slice(1)] });
    expect(processes[999_999_999]).toBeUndefined();
    if (process.ppid > 1) expect(processes[process.ppid]?.pid).toBe(process.ppid);
  });
});
