// The real-path guard of the fix helpers: no fix deletes, overwrites or moves another profile's real files.
import { describe, expect, it } from 'vitest';
import { makeProfile } from '../support/model-builder.js';
import { assertNotOthersPath, registerPathGuard } from '../../src/fixes/path-guard.js';
import { configSet, moveAside, removeFile, renamePath, replaceSymlinkWithCopy, UnsafeCommandValue } from '../../src/fixes/commands.js';

const main = makeProfile('main', {});
const rescue = makeProfile('rescue', {});
// ~/.openclaw-rescue is a symlink to ~/.openclaw-main.
const realPaths = {
  '/home/op/.openclaw-main': '/home/op/.openclaw-main',
  '/home/op/.openclaw-main/openclaw.json': '/home/op/.openclaw-main/openclaw.json',
  '/home/op/.openclaw-rescue': '/home/op/.openclaw-main',
  '/home/op/.openclaw-rescue/openclaw.json': '/home/op/.openclaw-main/openclaw.json',
};
const guard = { profiles: [main, rescue], realPaths };

describe('the real-path guard', () => {
  it("refuses a file reached through rescue's link into main's dir", () => {
    expect(() => assertNotOthersPath('/home/op/.openclaw-rescue/openclaw.json', guard)).toThrow(UnsafeCommandValue);
    expect(() => assertNotOthersPath('/home/op/.openclaw-rescue/tmp/openclaw-1000/gateway.state.lock', guard, true)).toThrow(UnsafeCommandValue);
  });

  it('allows the link itself and a profile its own files', () => {
    expect(() => assertNotOthersPath('/home/op/.openclaw-rescue', guard, true)).not.toThrow();
    expect(() => assertNotOthersPath('/home/op/.openclaw-main/tmp/openclaw-1000/gateway.state.lock', guard, true)).not.toThrow();
  });

  it('keeps a home behind a symlink working (same names on both sides)', () => {
    const behind = {
      profiles: [main, rescue],
      realPaths: { '/home/op/.openclaw-main': '/data/home/op/.openclaw-main', '/home/op/.openclaw-rescue': '/data/home/op/.openclaw-rescue' },
    };
    expect(() => assertNotOthersPath('/home/op/.openclaw-main/tmp/openclaw-1000/gateway.state.lock', behind, true)).not.toThrow();
  });

  it('guards every helper given an invocation that carries a model', () => {
    const host = { platform: 'linux' as const, uid: 1000 };
    registerPathGuard(host, guard);
    expect(() => removeFile('/home/op/.openclaw-rescue/tmp/openclaw-1000/gateway.state.lock', host)).toThrow(UnsafeCommandValue);
    expect(() =>
      replaceSymlinkWithCopy('/home/op/.openclaw-rescue/openclaw.json', '/home/op/.openclaw-main/openclaw.json', '2026-11-29T17:04:05Z', host),
    ).toThrow(UnsafeCommandValue);
    expect(() => configSet(rescue, 'gateway.port', 19789, host)).toThrow(UnsafeCommandValue);
    expect(configSet(main, 'gateway.port', 18789, host)).toBe('openclaw --profile main config set gateway.port 18789');
    expect(renamePath('/home/op/.openclaw-rescue', '/home/op/.openclaw-rescue.old', host)).toBe('mv /home/op/.openclaw-rescue /home/op/.openclaw-rescue.old');
  });

  it('moves a dir aside with a dated name, never into or out of another profile', () => {
    expect(moveAside('/home/op/.openclaw-chrome', '2026-11-25T00:00:00.000Z', { owner: null, ...guard })).toBe(
      'mv /home/op/.openclaw-chrome /home/op/.openclaw-chrome.stray-20261125',
    );
    expect(() => moveAside('/home/op/.openclaw-rescue', '2026-11-25T00:00:00.000Z', { owner: null, ...guard })).toThrow(UnsafeCommandValue);
  });
});
