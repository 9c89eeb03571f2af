import { monotonicNs } from "aiperf";
import type { ScheduleClock } from "./driveSchedule.js";
import { settleHeap } from "./settleHeap.js";
import { nextTurn, sleepUntil } from "./sleepUntil.js";

/** Long enough for the first send's cold code path, short against any run. */
const LEAD_IN_NS = 1e6;

/** The monotonic clock, with the precise sleep. */
export const realClock: ScheduleClock = {
  now: monotonicNs,
  startNs: () => {
    settleHeap();
    return monotonicNs() + LEAD_IN_NS;
  },
  sleepUntil,
  yieldNow: nextTurn,
};
