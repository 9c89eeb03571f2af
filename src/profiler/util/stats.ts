import { selectRanks } from "./selectRanks.js";

/**
 * Summary statistics of a sample: AIPerf's set (count, sum, avg, min, max, std, p1–p99).
 * @public
 */
export interface Summary {
  count: number;
  sum: number;
  avg: number;
  min: number;
  max: number;
  /** Population standard deviation. */
  std: number;
  p1: number;
  p5: number;
  p10: number;
  p25: number;
  p50: number;
  p75: number;
  p90: number;
  p95: number;
  p99: number;
}

/**
 * The percentiles every record metric is summarized with.
 * @public
 */
export const PERCENTILES = [1, 5, 10, 25, 50, 75, 90, 95, 99] as const;

/**
 * The q-th percentile (0..100) of an ascending-sorted array, exact, by linear interpolation
 * between closest ranks (NumPy's default "linear" method, which AIPerf uses).
 * @public
 */
export function percentileSorted(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return percentileOf(sorted.length, q, (i) => sorted[i] as number);
}

/** The q-th percentile of `n` values ordered at its two closest ranks, value `i` read with `at(i)`. */
function percentileOf(n: number, q: number, at: (i: number) => number): number {
  const rank = (q / 100) * (n - 1);
  const lo = Math.floor(rank);
  const a = at(lo);
  const b = at(Math.ceil(rank));
  return a + (b - a) * (rank - lo);
}

/** Counting sort applies to values that are all integers below this (token counts, most of them). */
const COUNTING_LIMIT = 1 << 16;

/** Below this many values the built-in sort is as fast as the radix passes' fixed cost. */
const RADIX_MIN = 4096;

/**
 * From this many values on (a 32 MB sample), a sample that is not small integers is not sorted:
 * the ranks the summary reads are selected in place (`selectRanks`), where a radix sort would
 * take a second buffer as large as the sample.
 */
export const SELECT_MIN = 1 << 22;

/** Whether this machine stores a double's low word first (the radix sort reads the words directly). */
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** The indexes `summarizeInPlace` reads from an ordered sample of `n`: the ends and each percentile's two closest ranks. */
export function summaryRanks(n: number): number[] {
  const ranks = new Set<number>([0, n - 1]);
  for (const q of PERCENTILES) {
    const rank = (q / 100) * (n - 1);
    ranks.add(Math.floor(rank));
    ranks.add(Math.ceil(rank));
  }
  return [...ranks].sort((a, b) => a - b);
}

/**
 * Orders `values` in place for `summarizeInPlace`: sorted ascending, as
 * `Float64Array.prototype.sort` does (small non-negative integers, token counts, counted instead
 * of compared; a large sample of other numbers radix-sorted; both linear), except a sample of
 * SELECT_MIN values or more that is not small integers, of which only the ranks the summary
 * reads are put in place.
 */
function sortInPlace(values: Float64Array): Float64Array {
  // Indexed loops: iterating a typed array with for…of costs several times more per element.
  const n = values.length;
  let counting = true;
  for (let i = 0; i < n; i++) {
    const v = values[i] as number;
    if (Number.isNaN(v)) return values.sort();
    if (counting && !(Number.isInteger(v) && v >= 0 && v < COUNTING_LIMIT && !Object.is(v, -0))) counting = false;
  }
  if (!counting) {
    if (n >= SELECT_MIN) selectRanks(values, summaryRanks(n));
    else if (n >= RADIX_MIN && LITTLE_ENDIAN) radixSort(values);
    else values.sort();
    return values;
  }
  const counts = new Uint32Array(COUNTING_LIMIT);
  let max = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i] as number;
    counts[v]++;
    if (v > max) max = v;
  }
  let at = 0;
  for (let v = 0; v <= max; v++) for (let c = counts[v] as number; c > 0; c--) values[at++] = v;
  return values;
}

const DIGITS = 1 << 16;

/**
 * LSD radix sort of doubles without NaN, 16 bits a pass over each value's 64 bits made
 * order-preserving as unsigned (sign bit flipped for positives, every bit for negatives, so -0
 * comes before 0 as the built-in sort puts it). A pass whose digit is the same for every value (the
 * top bits of latencies of one magnitude) is skipped. Values move as two 32-bit words, never as
 * doubles, so no bit pattern is touched by the engine.
 */
function radixSort(values: Float64Array): void {
  const n = values.length;
  const words = new Uint32Array(values.buffer, values.byteOffset, 2 * n);
  const counts = new Uint32Array(4 * DIGITS);
  for (let i = 0; i < 2 * n; i += 2) {
    let lo = words[i] as number;
    let hi = words[i + 1] as number;
    if (hi & 0x80000000) {
      hi = ~hi >>> 0;
      lo = ~lo >>> 0;
    } else hi = (hi | 0x80000000) >>> 0;
    words[i] = lo;
    words[i + 1] = hi;
    counts[lo & 0xffff]++;
    counts[DIGITS + (lo >>> 16)]++;
    counts[2 * DIGITS + (hi & 0xffff)]++;
    counts[3 * DIGITS + (hi >>> 16)]++;
  }
  let src: Uint32Array = words;
  let dst: Uint32Array = new Uint32Array(2 * n);
  for (let pass = 0; pass < 4; pass++) {
    const offset = pass * DIGITS;
    const word = pass >> 1;
    const shift = (pass & 1) * 16;
    if (counts[offset + (((src[word] as number) >>> shift) & 0xffff)] === n) continue;
    let sum = 0;
    for (let d = 0; d < DIGITS; d++) {
      const c = counts[offset + d] as number;
      counts[offset + d] = sum;
      sum += c;
    }
    for (let i = 0; i < 2 * n; i += 2) {
      const lo = src[i] as number;
      const hi = src[i + 1] as number;
      const slot = offset + (((word === 0 ? lo : hi) >>> shift) & 0xffff);
      const at = 2 * (counts[slot] as number);
      counts[slot] = at / 2 + 1;
      dst[at] = lo;
      dst[at + 1] = hi;
    }
    const done = src;
    src = dst;
    dst = done;
  }
  for (let i = 0; i < 2 * n; i += 2) {
    let lo = src[i] as number;
    let hi = src[i + 1] as number;
    if (hi & 0x80000000) hi = (hi & 0x7fffffff) >>> 0;
    else {
      hi = ~hi >>> 0;
      lo = ~lo >>> 0;
    }
    words[i] = lo;
    words[i + 1] = hi;
  }
}

/**
 * Exact summary of `values` (undefined for an empty sample).
 * @public
 */
export function summarize(values: ArrayLike<number>): Summary | undefined {
  return summarizeInPlace(Float64Array.from(values));
}

/**
 * `summarize` of a Float64Array the caller no longer needs: it is reordered in place instead of
 * copied (a metric over a million requests summarized without a second 8 MB array). Sorted,
 * except from 4,194,304 values on: then only the ranks read are in place (the sum and deviation
 * are added in that order, so they may differ from a sorted sum in the last digits).
 * @public
 */
export function summarizeInPlace(values: Float64Array): Summary | undefined {
  if (values.length === 0) return undefined;
  const sorted = sortInPlace(values);
  return summaryOf(sorted.length, (i) => sorted[i] as number);
}

/**
 * `summarizeInPlace` of the values `units[i] / divisor`, given as unsigned 32-bit integers (half
 * the memory: the 19 million inter-chunk gaps of a million streamed requests as whole
 * nanoseconds of milliseconds, `divisor` 1e6). Each value is the double `units[i] / divisor`, so
 * the statistics equal those of the divided values; reordered in place like `summarizeInPlace`.
 * @public
 */
export function summarizeScaledInPlace(units: Uint32Array, divisor: number): Summary | undefined {
  const n = units.length;
  if (n === 0) return undefined;
  if (n >= SELECT_MIN) selectRanks(units, summaryRanks(n));
  else units.sort();
  return summaryOf(n, (i) => (units[i] as number) / divisor);
}

/** The summary of `n` values ordered at least at `summaryRanks(n)`, value `i` read with `at(i)`. */
function summaryOf(n: number, at: (i: number) => number): Summary {
  let sum = 0;
  for (let i = 0; i < n; i++) sum += at(i);
  const avg = sum / n;
  let sq = 0;
  for (let i = 0; i < n; i++) {
    const d = at(i) - avg;
    sq += d * d;
  }
  return summaryFrom(n, sum, sq, at);
}

/**
 * The summary of `n` values from their sum, their sum of squared deviations from the mean, and
 * the value at each rank `summaryRanks(n)` lists (`at(rank)`).
 */
export function summaryFrom(n: number, sum: number, sq: number, at: (rank: number) => number): Summary {
  const p = (q: number) => percentileOf(n, q, at);
  return {
    count: n,
    sum,
    avg: sum / n,
    min: at(0),
    max: at(n - 1),
    std: Math.sqrt(sq / n),
    p1: p(1),
    p5: p(5),
    p10: p(10),
    p25: p(25),
    p50: p(50),
    p75: p(75),
    p90: p(90),
    p95: p(95),
    p99: p(99),
  };
}
