import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

/**
 * One full garbage collection, so the objects start-up left behind are not copied by the
 * young-generation collections of the first timed sends (those pauses were 1–3 ms each, several
 * sends late in the first 100 ms of a 500 req/s schedule). `gc` is exposed to a throwaway context
 * only, as test runners do: nothing global changes. Skipped where the runtime refuses.
 */
export function settleHeap(): void {
  try {
    setFlagsFromString("--expose-gc");
    (runInNewContext("gc") as () => void)();
  } catch {
    // Without it the schedule is still never early, only the first sends may be late.
  }
}
