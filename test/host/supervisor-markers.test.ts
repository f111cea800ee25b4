// Supervisor markers of a gateway's environment: only those names are kept, read only from own processes with /proc.
import { spawn, type ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { pickEnviron } from '../../src/host/environ.js';
import { readSupervisorMarkers, SUPERVISOR_MARKER_KEYS } from '../../src/host/supervisor-markers.js';

const KEYS = new Set<string>(SUPERVISOR_MARKER_KEYS);

describe('pickEnviron', () => {
  it('keeps only the names asked for, values with = in them whole, the first of a repeated name', () => {
    const environ = [
      'OPENCLAW_SERVICE_MARKER=openclaw',
      'OPENCLAW_GATEWAY_TOKEN=secret-token',
      'INVOCATION_ID=0123abcd',
      'JOURNAL_STREAM=8:12345',
      'OPENCLAW_SYSTEMD_UNIT=a=b.service',
      'INVOCATION_ID=second',
      'NOEQUALS',
      '=leading',
      '',
    ].join('\0');
    expect(pickEnviron(environ, KEYS)).toEqual({
      OPENCLAW_SERVICE_MARKER: 'openclaw',
      INVOCATION_ID: '0123abcd',
      JOURNAL_STREAM: '8:12345',
      OPENCLAW_SYSTEMD_UNIT: 'a=b.service',
    });
  });

  it('an environment without markers gives an empty record', () => {
    expect(pickEnviron('HOME=/home/op\0PATH=/usr/bin\0', KEYS)).toEqual({});
  });
});

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
});

function sleeper(env: Record<string, string>): number {
  const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)'], { env, stdio: 'ignore' });
  children.push(child);
  return child.pid!;
}

describe.skipIf(process.platform !== 'linux')('readSupervisorMarkers (Linux /proc)', () => {
  const uid = process.getuid!();

  it("reads a process's markers and nothing else of its environment", () => {
    const pid = sleeper({
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      OPENCLAW_SERVICE_MARKER: 'openclaw',
      OPENCLAW_SERVICE_KIND: 'gateway',
      OPENCLAW_SYSTEMD_UNIT: 'openclaw-gateway-rescue.service',
      INVOCATION_ID: 'feedc0de',
      OPENCLAW_GATEWAY_TOKEN: 'never-read',
    });
    expect(readSupervisorMarkers([pid], uid, true)).toEqual({
      [pid]: {
        readable: true,
        env: {
          OPENCLAW_SERVICE_MARKER: 'openclaw',
          OPENCLAW_SERVICE_KIND: 'gateway',
          OPENCLAW_SYSTEMD_UNIT: 'openclaw-gateway-rescue.service',
          INVOCATION_ID: 'feedc0de',
        },
      },
    });
  });

  it('a process started without markers reads as an empty record, which is what proves "by hand"', () => {
    const pid = sleeper({ PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: '/tmp' });
    expect(readSupervisorMarkers([pid], uid, true)).toEqual({ [pid]: { readable: true, env: {} } });
  });

  it("another user's process, a gone pid and a host without /proc stay unread, with the reason", () => {
    const pid = sleeper({ PATH: process.env.PATH ?? '/usr/bin:/bin', INVOCATION_ID: 'x' });
    expect(readSupervisorMarkers([pid], uid + 1, true)[pid]).toEqual({
      readable: false,
      reason: `pid ${pid} belongs to another user (uid ${uid}): its environment is not read`,
    });
    expect(readSupervisorMarkers([999_999_999], uid, true)[999_999_999]).toEqual({ readable: false, reason: 'pid 999999999 exited' });
    expect(readSupervisorMarkers([pid], uid, false)[pid]).toEqual({ readable: false, reason: 'no /proc on this host: process environments are not read' });
  });
});
