import { monotonicNs } from "aiperf";

/** Timers fire on a millisecond clock that may be stale: leave this much to the fine wait. */
const TIMER_SLACK_MS = 1;
/**
 * The last stretch is waited out without yielding, so a response handled in the same turn or a
 * young-generation GC cannot push the send late. Bounded per send: at most this much CPU, and only
 * after at least one event-loop turn, so I/O still runs between any two sends.
 */
const SPIN_NS = 150_000;

/** Resolves on the event loop's next check phase, after pending I/O has run. */
export function nextTurn(): Promise<void> {
  return new Promise<void>((resolve) => setImmediate(resolve));
}

/**
 * One wait. Its steps are callbacks, not a promise per event-loop turn: the fine wait takes
 * hundreds of turns per send, and a promise and a bigint per turn fed a young-generation GC every
 * 20 ms, whose pauses were the largest source of late sends.
 */
class Wait {
  private readonly perfTarget: number;
  private timer: NodeJS.Timeout | undefined;
  private readonly step = () => this.next();
  private readonly abort = () => this.finish();

  constructor(
    targetNs: number,
    private readonly signal: AbortSignal,
    private readonly resolve: () => void,
  ) {
    // performance.now() is the same monotonic clock without a bigint per reading; reading it
    // second maps the target a little later, never earlier.
    const remainingMs = (targetNs - monotonicNs()) / 1e6;
    this.perfTarget = performance.now() + remainingMs;
    signal.addEventListener("abort", this.abort, { once: true });
  }

  /** Waits at least one turn before it may spin. */
  start(): void {
    const ms = this.perfTarget - performance.now();
    if (ms > TIMER_SLACK_MS + 1) this.timer = setTimeout(this.step, Math.floor(ms - TIMER_SLACK_MS));
    else setImmediate(this.step);
  }

  private next(): void {
    this.timer = undefined;
    if (this.signal.aborted) {
      this.finish();
      return;
    }
    if ((this.perfTarget - performance.now()) * 1e6 > SPIN_NS) {
      this.start();
      return;
    }
    while (performance.now() < this.perfTarget) {
      // spin: the last stretch, bounded by SPIN_NS
    }
    this.finish();
  }

  private finish(): void {
    if (this.timer) clearTimeout(this.timer);
    this.signal.removeEventListener("abort", this.abort);
    this.resolve();
  }
}

/**
 * Resolves at `targetNs` (monotonic) or later, never earlier, or when `signal` aborts. A timer
 * covers all but the last one to two milliseconds; the rest is waited out one event-loop turn at a
 * time (`setImmediate`), which keeps sub-millisecond precision while I/O still runs in between,
 * and the last 0.15 ms without yielding. The CPU spent per call is bounded (about 2 ms of turns).
 */
export function sleepUntil(targetNs: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted || targetNs <= monotonicNs()) return Promise.resolve();
  return new Promise<void>((resolve) => new Wait(targetNs, signal, resolve).start());
}
