/**
 * Summary statistics of a sample.
 * @public
 */
export interface Summary {
  count: number;
  avg: number;
  min: number;
  max: number;
  /** Population standard deviation. */
  std: number;
  p50: number;
  p90: number;
  p95: number;
  p99: number;
}

/**
 * The q-th percentile (0..100) of an ascending-sorted array, exact, by linear interpolation
 * between closest ranks (NumPy's default "linear" method).
 * @public
 */
export function percentileSorted(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = (q / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  const a = sorted[lo] as number;
  const b = sorted[hi] as number;
  return a + (b - a) * (rank - lo);
}

/**
 * Exact summary of `values` (undefined for an empty sample).
 * @public
 */
export function summarize(values: readonly number[]): Summary | undefined {
  if (values.length === 0) return undefined;
  const sorted = Float64Array.from(values).sort();
  const arr = Array.from(sorted);
  let sum = 0;
  for (const v of arr) sum += v;
  const avg = sum / arr.length;
  let sq = 0;
  for (const v of arr) sq += (v - avg) * (v - avg);
  return {
    count: arr.length,
    avg,
    min: arr[0] as number,
    max: arr[arr.length - 1] as number,
    std: Math.sqrt(sq / arr.length),
    p50: percentileSorted(arr, 50),
    p90: percentileSorted(arr, 90),
    p95: percentileSorted(arr, 95),
    p99: percentileSorted(arr, 99),
  };
}
