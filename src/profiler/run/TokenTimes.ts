import { BlockColumn } from "./BlockColumn.js";
import type { BlockFile } from "./BlockFile.js";

/** Where full blocks of gaps go once the gaps in memory pass `keepBytes` (absent: all stay in memory). */
export interface TokenTimesFile {
  file: BlockFile;
  keepBytes: number;
}

/**
 * Every record's token arrival times, one after another, each kept as its difference from the
 * time before it (the first from the record's start) in a `"uint"` block column: gaps between
 * chunks are milliseconds, a 32-bit unsigned integer of nanoseconds (4 bytes a token where the
 * absolute times took a Float64 each; 1 when a stream arrives in one read). A gap no such integer
 * holds (a time to first token over 4.29 s, a negative or fractional gap, NaN) widens its block of
 * 16,384 gaps to doubles. A time that would not come back exactly as the previous time plus its
 * gap (past 2^53, or after a NaN or infinite time) is kept whole in a side map, so every time
 * reads back as written. Given a file, full blocks past the first `keepBytes` move there.
 */
export class TokenTimes {
  private readonly gaps = new BlockColumn("uint");
  private readonly whole = new Map<number, number>();
  private count = 0;

  constructor(private readonly spill?: TokenTimesFile) {}

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
      if (this.spill !== undefined && BlockColumn.endsBlock(k)) this.blockFull(k, this.spill);
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
    this.readInto(start, end, origin, out);
    return out;
  }

  /** `read` into `out` (from its index 0; its length is left as it is): no array per record. */
  readInto(start: number, end: number, origin: number, out: number[]): void {
    let previous = origin;
    // Block by block: a moved-out block is looked up once, not once per token.
    for (let k = start; k < end; ) {
      const block = this.gaps.blockOf(k);
      const stop = Math.min(end, BlockColumn.blockEnd(k));
      for (; k < stop; k++) {
        const t = this.whole.size > 0 ? this.whole.get(k) : undefined;
        previous = t !== undefined ? t : previous + (block === undefined ? 0 : (block[BlockColumn.slot(k)] as number));
        out[k - start] = previous;
      }
    }
  }

  /** Bytes held in memory by the gaps' blocks. */
  get bytes(): number {
    return this.gaps.bytes;
  }

  /** Resolves once the blocks being moved out are written (their memory then freed). */
  written(): Promise<void> {
    return this.spill?.file.written() ?? Promise.resolve();
  }

  /** Releases the file blocks were moved to; the times are not read afterwards. */
  close(): void {
    this.spill?.file.close();
  }

  private blockFull(k: number, spill: TokenTimesFile): void {
    if (this.gaps.bytes > spill.keepBytes) this.gaps.moveOut(k, spill.file);
  }
}
