// What a finished piece of work left keeping the event loop alive: open sockets and child processes, pending timers.

// The vitest worker talks to its parent over pipes and keeps timers of its own: only these kinds are ours to leave.
const OURS = /^(TCP|TLS|Connect|GetAddrInfo|Process)/;
const RUNNER = /[\\/](vitest|@vitest|tinypool|birpc)[\\/]/;

/** The frame that called setTimeout: the first one outside this file and Node's own code. */
function callerOf(stack: string): string {
  return (
    stack
      .split('\n')
      .slice(1)
      .find((line) => !line.includes('leftovers.ts') && !/\(node:|at node:/.test(line)) ?? ''
  );
}

function liveHandles(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const kind of process.getActiveResourcesInfo()) if (OURS.test(kind)) counts[kind] = (counts[kind] ?? 0) + 1;
  return counts;
}

/**
 * Starts watching: `left()` then lists what was opened since and still keeps the process alive. Test servers unref
 * their handles, so what is left is the code under test's own: a socket not destroyed, a timer not cleared (such as
 * chrome-remote-interface's 10 s request timer), a child process not reaped.
 */
export function watchLeftovers(): { left: () => { handles: Record<string, number>; timers: number }; stop: () => void } {
  const before = liveHandles();
  const timers: NodeJS.Timeout[] = [];
  const originals = { setTimeout: globalThis.setTimeout, setInterval: globalThis.setInterval };
  for (const name of ['setTimeout', 'setInterval'] as const) {
    const original = originals[name] as typeof setTimeout;
    globalThis[name] = Object.assign((...args: Parameters<typeof setTimeout>) => {
      const timer = original(...args);
      if (!RUNNER.test(callerOf(new Error().stack ?? ''))) timers.push(timer);
      return timer;
    }, original) as typeof setTimeout & typeof setInterval;
  }
  const stop = () => Object.assign(globalThis, originals);
  return {
    stop,
    left: () => {
      stop();
      const now = liveHandles();
      const handles: Record<string, number> = {};
      for (const [kind, count] of Object.entries(now)) if (count > (before[kind] ?? 0)) handles[kind] = count - (before[kind] ?? 0);
      // A Timeout is marked _destroyed once it fired (without repeat) or was cleared.
      return { handles, timers: timers.filter((timer) => timer.hasRef() && !(timer as unknown as { _destroyed: boolean })._destroyed).length };
    },
  };
}
