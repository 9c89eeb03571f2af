import { BlockColumn } from "./BlockColumn.js";

/**
 * Every record's token arrival times, one after another, each kept as its difference from the
 * time before it (the first from the record's start) in a `"uint"` block column: gaps between
 * chunks are milliseconds, a 32-bit unsigned integer of nanoseconds (4 bytes a token where the
 * absolute times took a Float64 each; 1 when a stream arrives in one read). A gap no such integer
 * holds (a time to first token over 4.29 s, a negative or fractional gap, NaN) widens its block of
 * 16,384 gaps to doubles. A time that would not come back exactly as the previous time plus its
 * gap (past 2^53, or after a NaN or infinite time) is kept whole in a side map, so every time
 * reads back as written.
 */
export class TokenTimes {
  private readonly gaps = new BlockColumn("uint");
  private readonly whole = new Map<number, number>();
  private count = 0;

  /** Times appended so far. */
  get length(): number {
    return this.count;
  }

  /** Appends a record's times; `origin` is the record's start (any number, read back the same way). */
  append(times: readonly number[], origin: number): void {
    let previous = origin;
    for (const t of times) {
      const k = this.count++;
      const gap = t - previous;
      // Any gap is exact in the column; only the sum can round.
      if (Object.is(previous + gap, t)) this.gaps.set(k, gap);
      else this.whole.set(k, t);
      previous = t;
    }
  }

  /** The time at index `k`, given the time before it (the record's start for its first token). */
  next(k: number, previous: number): number {
    if (this.whole.size > 0) {
      const t = this.whole.get(k);
      if (t !== undefined) return t;
    }
    return previous + this.gaps.get(k);
  }

  /** The times at indexes `[start, end)`, the first following `origin`. */
  read(start: number, end: number, origin: number): number[] {
    const out = new Array<number>(end - start);
    let previous = origin;
    for (let k = start; k < end; k++) {
      previous = this.next(k, previous);
      out[k - start] = previous;
    }
    return out;
  }

  /** Bytes held by the gaps' blocks. */
  get bytes(): number {
    return this.gaps.bytes;
  }
}
