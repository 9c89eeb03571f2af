import { SELECT_MIN, type Summary, summaryFrom, summaryRanks } from "./stats.js";

const BUCKETS = 1 << 16;

/**
 * The exact summary of unsigned 32-bit integers divided by `divisor` (the values), without
 * holding them: the caller feeds the same values twice, in the same order. The first pass counts
 * them by their top 16 bits and adds them up; the second adds the squared deviations from the
 * mean and, inside the few buckets where the ranks the summary reads fall, counts the bottom 16
 * bits, which places each of those ranks exactly. About 5 MB of counts, where the 19 million
 * inter-chunk gaps of a million streamed requests take 76 MB as integers. The statistics are
 * those of `summarizeScaledInPlace` but for the sum and deviation, added in the order fed (they
 * may differ in their last digits; the deviation more, when the values are close together).
 * @public
 */
export class TwoPassSummary {
  /** Below this many values an array of them costs little: `summarizeScaledInPlace` keeps its exact order of addition. */
  static readonly worthFrom = SELECT_MIN;

  private readonly top = new Uint32Array(BUCKETS);
  private n = 0;
  private sum = 0;
  private sq = 0;
  private avg = 0;
  /** Per bucket, its slot in `low` (-1: no rank falls in it). */
  private slotOf = new Int32Array(0);
  private low = new Uint32Array(0);
  private ranks: number[] = [];

  constructor(private readonly divisor: number) {}

  /** Values fed to the first pass. */
  get count(): number {
    return this.n;
  }

  /** A value of the first pass: an integer in `[0, 2^32)`. */
  first(unit: number): void {
    if (unit >>> 0 !== unit) throw new RangeError(`not an unsigned 32-bit integer: ${unit}`);
    this.top[unit >>> 16]++;
    this.n++;
    this.sum += unit / this.divisor;
  }

  /** Ends the first pass: finds the buckets the summary's ranks fall in. */
  startSecond(): void {
    this.avg = this.sum / this.n;
    this.ranks = this.n === 0 ? [] : summaryRanks(this.n);
    this.slotOf = new Int32Array(BUCKETS).fill(-1);
    let slots = 0;
    for (const rank of this.ranks) {
      const bucket = this.bucketOf(rank)[0];
      if ((this.slotOf[bucket] as number) < 0) this.slotOf[bucket] = slots++;
    }
    this.low = new Uint32Array(slots * BUCKETS);
  }

  /** The same value again, in the same order. */
  second(unit: number): void {
    if (unit >>> 0 !== unit) throw new RangeError(`not an unsigned 32-bit integer: ${unit}`);
    const d = unit / this.divisor - this.avg;
    this.sq += d * d;
    const slot = this.slotOf[unit >>> 16] as number;
    if (slot >= 0) this.low[slot * BUCKETS + (unit & 0xffff)]++;
  }

  /** The summary, once both passes are done (undefined for no values). */
  result(): Summary | undefined {
    if (this.n === 0) return undefined;
    const values = new Map(this.ranks.map((rank) => [rank, this.valueAt(rank)]));
    return summaryFrom(this.n, this.sum, this.sq, (rank) => values.get(rank) as number);
  }

  /** The bucket holding `rank` (0-based, in ascending order), and the rank's place inside it. */
  private bucketOf(rank: number): [bucket: number, within: number] {
    let before = 0;
    for (let bucket = 0; bucket < BUCKETS; bucket++) {
      const count = this.top[bucket] as number;
      if (rank < before + count) return [bucket, rank - before];
      before += count;
    }
    throw new RangeError(`rank ${rank} of ${this.n}`);
  }

  private valueAt(rank: number): number {
    const [bucket, within] = this.bucketOf(rank);
    const base = (this.slotOf[bucket] as number) * BUCKETS;
    let before = 0;
    for (let bits = 0; bits < BUCKETS; bits++) {
      before += this.low[base + bits] as number;
      if (within < before) return (((bucket << 16) | bits) >>> 0) / this.divisor;
    }
    throw new RangeError(`rank ${rank}: the second pass saw other values than the first`);
  }
}
