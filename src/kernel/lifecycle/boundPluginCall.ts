import { AiperfError } from "../errors/AiperfError.js";
import { ErrorCode } from "../errors/codes.js";
import { TimeoutError, withTimeout } from "../util/withTimeout.js";

/**
 * Runs a plugin's `initialize`, `cleanup` or `health`, rejecting with `AIPERF_PLUGIN_TIMEOUT` when
 * it has not settled within `ms`. The work itself cannot be cancelled: a hung plugin keeps its
 * promise, the app stops waiting.
 */
export async function boundPluginCall<T>(work: () => T | Promise<T>, ms: number, what: string): Promise<T> {
  try {
    return await withTimeout(Promise.resolve().then(work), ms);
  } catch (error) {
    if (error instanceof TimeoutError) throw new AiperfError(ErrorCode.PluginTimeout, `${what} did not finish within ${ms} ms`);
    throw error;
  }
}
