/**
 * Monotonic time in nanoseconds (CLOCK_MONOTONIC), as a plain number: cheaper to subtract than
 * bigint, and the same clock in every thread and process of the machine, so a server in another
 * thread can be compared with the client. Exact to the nanosecond for 104 days of uptime, then to
 * 2 ns, and so on.
 * @public
 */
export function monotonicNs(): number {
  return Number(process.hrtime.bigint());
}
