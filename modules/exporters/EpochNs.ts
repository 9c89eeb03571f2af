import type { JsonBytes } from "aiperf";

const BILLION = 1e9;

/**
 * Monotonic nanoseconds as epoch nanoseconds in exact digits. An epoch time in ns is above 2^53,
 * where a number keeps only multiples of 256: the offset between the clocks is kept as whole
 * seconds and the nanoseconds left over, and each time is written as seconds and nine digits, so
 * the difference of two written times is exactly the difference of the monotonic times.
 */
export class EpochNs {
  private readonly seconds: number;
  private readonly rest: number;

  /** `offsetNs`: epoch ns minus monotonic ns (rounded to a whole ns). */
  constructor(offsetNs: number) {
    let seconds = Math.floor(offsetNs / BILLION);
    let rest = Math.round(offsetNs - seconds * BILLION);
    while (rest < 0) {
      rest += BILLION;
      seconds--;
    }
    while (rest >= BILLION) {
      rest -= BILLION;
      seconds++;
    }
    this.seconds = seconds;
    this.rest = rest;
  }

  /** Writes the epoch time of monotonic `ns`; false (nothing written) when `ns` is no non-negative safe integer or the offset is negative. */
  write(out: JsonBytes, ns: number): boolean {
    const sum = this.rest + ns;
    if (!(Number.isSafeInteger(ns) && ns >= 0 && Number.isSafeInteger(sum) && this.seconds >= 0)) return false;
    const carry = Math.floor(sum / BILLION);
    out.wideInteger(this.seconds + carry, sum - carry * BILLION);
    return true;
  }
}
