import { AiperfError } from "../errors/AiperfError.js";
import { ErrorCode } from "../errors/codes.js";

/**
 * Runs `work`, rejecting with `AIPERF_PLUGIN_TIMEOUT` when it has not settled within `ms`. The
 * work itself cannot be cancelled: a hung plugin keeps its promise, the app stops waiting.
 */
export async function withTimeout<T>(work: () => T | Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new AiperfError(ErrorCode.PluginTimeout, `${what} did not finish within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([Promise.resolve().then(work), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
