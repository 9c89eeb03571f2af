import { monotonicNs } from "aiperf";

/** Timers fire on a millisecond clock that may be stale: leave this much to the fine wait. */
const TIMER_SLACK_MS = 1;

/** Resolves on the event loop's next check phase, after pending I/O has run. */
export function nextTurn(): Promise<void> {
  return new Promise<void>((resolve) => setImmediate(resolve));
}

function timer(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(handle);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const handle = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
  });
}

/**
 * Resolves at `targetNs` (monotonic) or later, never earlier, or when `signal` aborts. A timer
 * covers all but the last one to two milliseconds; the rest is waited out one event-loop turn at a
 * time (`setImmediate`), which keeps sub-millisecond precision while I/O still runs in between.
 * The fine wait is bounded (at most about 2 ms per call), so its CPU cost is bounded per send.
 */
export async function sleepUntil(targetNs: number, signal: AbortSignal): Promise<void> {
  for (;;) {
    if (signal.aborted) return;
    const ms = (targetNs - monotonicNs()) / 1e6;
    if (ms <= 0) return;
    if (ms > TIMER_SLACK_MS + 1) await timer(Math.floor(ms - TIMER_SLACK_MS), signal);
    else await nextTurn();
  }
}
