import { monotonicNs } from "aiperf";
import type { ScheduleClock } from "./driveSchedule.js";
import { nextTurn, sleepUntil } from "./sleepUntil.js";

/** The monotonic clock, with the precise sleep. */
export const realClock: ScheduleClock = { now: monotonicNs, sleepUntil, yieldNow: nextTurn };
