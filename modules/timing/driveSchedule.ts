import type { CreditSender, ScheduleReport, Turn } from "aiperf";
import type { SendSchedule } from "./SendSchedule.js";

/** The time source a schedule is driven by: the real monotonic clock, or a fake one in tests. */
export interface ScheduleClock {
  now(): number;
  /**
   * When a schedule that starts now begins. The real clock first readies the process for precise
   * sends and leaves a short lead-in, so even the first send is waited for, not sent cold and late.
   */
  startNs(): number;
  /** Resolves at `targetNs` or later (never earlier), or when `signal` aborts. */
  sleepUntil(targetNs: number, signal: AbortSignal): Promise<void>;
  /** Lets the event loop run (timers, I/O) before going on. */
  yieldNow(): Promise<void>;
}

/** A loop that is behind sends back to back, but lets the event loop run at least this often. */
const YIELD_EVERY_NS = 1e6;

/** What the loop may send, besides the schedule: a cap on requests in flight, the turn of each slot. */
export interface DriveOptions {
  maxInFlight?: number | undefined;
  /** The turn of the slot about to be taken (trace replay); undefined: the sampler picks one. */
  turn?: () => Turn | undefined;
  /** True when the schedule has no slot left (the end of a trace). */
  exhausted?: () => boolean;
}

/**
 * Sends on `schedule` until the sender stops accepting credits. Each send waits for its due time
 * (never earlier), then the schedule's stall policy decides what a late send does to the rest. A
 * loop that has fallen behind still yields to the event loop every millisecond, so responses,
 * timers and the progress display keep running while it catches up.
 */
export async function driveSchedule(sender: CreditSender, schedule: SendSchedule, clock: ScheduleClock, options: DriveOptions = {}): Promise<ScheduleReport> {
  const max = options.maxInFlight;
  const inFlight = new Set<Promise<void>>();
  let lastYield = clock.now();
  while (sender.canSend() && !options.exhausted?.()) {
    const before = clock.now();
    if (schedule.dueNs > before) {
      await clock.sleepUntil(schedule.dueNs, sender.signal);
      lastYield = clock.now();
    } else if (before - lastYield > YIELD_EVERY_NS) {
      await clock.yieldNow();
      lastYield = clock.now();
    }
    if (!sender.canSend()) break;
    while (max !== undefined && inFlight.size >= max && !sender.signal.aborted) await Promise.race(inFlight);
    if (!sender.canSend()) break;
    const turn = options.turn?.();
    const scheduledNs = schedule.take(clock.now());
    const p = sender.send(turn, scheduledNs);
    if (max !== undefined) {
      inFlight.add(p);
      void p.finally(() => inFlight.delete(p));
    }
  }
  return schedule.summary();
}
