import { monotonicNs } from "aiperf";

/**
 * Resolves at `targetNs` (monotonic) or when `signal` aborts, whichever is first. Timers have
 * millisecond granularity and may fire early, so the last millisecond is waited out by yielding
 * to the event loop: a request is never sent before its time.
 */
export async function sleepUntil(targetNs: number, signal: AbortSignal): Promise<void> {
  for (;;) {
    if (signal.aborted) return;
    const ms = (targetNs - monotonicNs()) / 1e6;
    if (ms <= 0) return;
    if (ms < 1) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      continue;
    }
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        signal.removeEventListener("abort", done);
        resolve();
      };
      const timer = setTimeout(done, Math.floor(ms));
      signal.addEventListener("abort", done, { once: true });
    });
  }
}
