import { monotonicNs } from "aiperf";

/** Resolves at `targetNs` (monotonic) or when `signal` aborts, whichever is first. */
export function sleepUntil(targetNs: number, signal: AbortSignal): Promise<void> {
  const ms = (targetNs - monotonicNs()) / 1e6;
  if (ms <= 0 || signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
  });
}
