import { withTimeout } from "../util/withTimeout.js";

/**
 * Calls `fn` and waits for its result at most `ms` (a synchronous result costs no timer). A
 * throw, a rejection and an overrun (`TimeoutError`) all reject, so the caller isolates the three
 * the same way.
 */
export async function boundedCall(fn: () => unknown, ms: number): Promise<void> {
  const result = fn();
  if (result === null || typeof result !== "object" || typeof (result as PromiseLike<unknown>).then !== "function") return;
  await withTimeout(Promise.resolve(result), ms);
}
