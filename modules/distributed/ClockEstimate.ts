/**
 * A worker's clock offset from the controller's, NTP-style: of every ping exchange (controller
 * sends at t0, worker stamps tw on its own monotonic clock, controller receives at t1), the one
 * with the smallest round trip wins, with offset = tw − (t0 + t1) / 2, good to ± rtt / 2.
 */
export class ClockEstimate {
  /** Worker clock minus controller clock, ns. */
  offsetNs = 0;
  /** Round trip of the exchange the offset comes from, ns (Infinity before any). */
  rttNs = Number.POSITIVE_INFINITY;
  samples = 0;

  add(t0: number, tw: number, t1: number): void {
    this.samples++;
    const rtt = t1 - t0;
    if (rtt < 0 || rtt >= this.rttNs) return;
    this.rttNs = rtt;
    this.offsetNs = Math.round(tw - (t0 + t1) / 2);
  }

  /** A worker timestamp on the controller's clock. */
  toController(workerNs: number): number {
    return workerNs - this.offsetNs;
  }
}
