import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

/**
 * One full garbage collection, so the objects start-up left behind are not copied by the
 * young-generation collections of the first timed sends (those pauses were 1–3 ms each, several
 * sends late in the first 100 ms of a 500 req/s schedule). Without `--expose-gc`, `gc` is taken
 * from a throwaway context, as test runners do, and the flag is turned off again at once, so no
 * context or thread made later sees a `gc` global. Skipped where the runtime refuses.
 */
export function settleHeap(): void {
  const own = (globalThis as { gc?: () => void }).gc;
  if (typeof own === "function") {
    own();
    return;
  }
  try {
    setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc") as () => void;
    setFlagsFromString("--no-expose-gc");
    gc();
  } catch {
    // Without it the schedule is still never early, only the first sends may be late.
  }
}
