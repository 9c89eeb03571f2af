import { monotonicNs } from "aiperf";

/**
 * Resolves at `targetNs` (monotonic) or when `signal` aborts, whichever is first. Timers have
 * millisecond granularity and may fire up to a millisecond early. With `precise`, the last
 * millisecond is waited out by yielding to the event loop, so nothing is sent before its time
 * (trace replay); without it, a timer that fires early is accepted, which keeps high request
 * rates cheap (the absolute schedule absorbs the error).
 */
export async function sleepUntil(targetNs: number, signal: AbortSignal, precise = false): Promise<void> {
  for (;;) {
    if (signal.aborted) return;
    const ms = (targetNs - monotonicNs()) / 1e6;
    if (ms <= 0) return;
    if (ms < 1) {
      if (!precise) return;
      await new Promise<void>((resolve) => setImmediate(resolve));
      continue;
    }
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        signal.removeEventListener("abort", done);
        resolve();
      };
      const timer = setTimeout(done, precise ? Math.floor(ms) : ms);
      signal.addEventListener("abort", done, { once: true });
    });
  }
}
