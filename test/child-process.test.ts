// inChildProcess: a library call bounded by time, output size, heap and the run's deadline, leaving nothing behind.
import { describe, expect, it } from 'vitest';
import { ChildFailure, inChildProcess } from '../src/child-process.js';
import { watchLeftovers } from './probe/leftovers.js';

describe('inChildProcess', () => {
  it('parses what the child prints', async () => {
    expect(await inChildProcess<{ sum: number }>('process.stdout.write(JSON.stringify({ sum: 1 + 2 }));', 10_000, 'sum')).toEqual({ sum: 3 });
  });

  it('a child that answers more than the cap is stopped', async () => {
    await expect(inChildProcess("process.stdout.write('x'.repeat(40 * 1024 * 1024));", 10_000, 'flood')).rejects.toThrow(
      /^flood answered more than \d+ bytes$/,
    );
  });

  it('a child past its heap limit fails on its own, and says how', async () => {
    const grow = "const kept = []; for (;;) kept.push('x'.repeat(1024 * 1024) + kept.length);";
    const failure = await inChildProcess(grow, 30_000, 'grower', { maxHeapMb: 32 }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ChildFailure);
    expect(failure).toMatchObject({ reason: 'failed', message: expect.stringMatching(/^grower failed \((killed by SIG[A-Z]+|exit \d+)\)$/) });
  });

  it("the run's deadline ends a child that never answers, and nothing of it is left", async () => {
    const watch = watchLeftovers();
    const controller = new AbortController();
    const pending = inChildProcess('setInterval(() => {}, 1000);', 30_000, 'sleeper', { signal: controller.signal });
    setTimeout(() => controller.abort(), 200);
    await expect(pending).rejects.toMatchObject({ reason: 'aborted', message: "sleeper was ended by the run's deadline" });
    expect(watch.left()).toEqual({ handles: {}, timers: 0 });
    watch.stop();
    await expect(inChildProcess('1', 1000, 'late', { signal: controller.signal })).rejects.toMatchObject({ reason: 'aborted' });
  });

  it('a timeout is a ChildFailure with reason timeout', async () => {
    await expect(inChildProcess('setInterval(() => {}, 1000);', 300, 'sleeper')).rejects.toMatchObject({
      reason: 'timeout',
      message: 'sleeper did not answer within 300 ms',
    });
  });
});
