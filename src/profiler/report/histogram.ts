/** Bins of a distribution: `[bin centre, count]`. */
export type Histogram = [number, number][];

/** The value below which `q` of the sorted finite values lie (display range only: reported percentiles come from the export). */
function quantile(sorted: Float64Array, q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * (sorted.length - 1)))] ?? 0;
}

/** Finite values of a series, sorted. */
export function sortedFinite(values: readonly number[]): Float64Array {
  return Float64Array.from(values.filter((v) => Number.isFinite(v))).sort();
}

/**
 * The range several distributions share: from the smallest value to the 99.9th percentile of the
 * widest, so one stray request does not squash the rest into one bin (values beyond are counted
 * in the last bin).
 */
export function sharedRange(samples: readonly Float64Array[]): [number, number] | undefined {
  const filled = samples.filter((s) => s.length > 0);
  if (filled.length === 0) return undefined;
  const lo = Math.min(...filled.map((s) => s[0] as number));
  const hi = Math.max(...filled.map((s) => quantile(s, 0.999)));
  return [lo, hi > lo ? hi : lo + 1];
}

/** Counts of `sorted` in `bins` equal bins over `range`. */
export function histogram(sorted: Float64Array, range: [number, number], bins = 40): Histogram {
  const [lo, hi] = range;
  const width = (hi - lo) / bins;
  const counts = new Array<number>(bins).fill(0);
  for (const v of sorted) {
    const i = Math.min(bins - 1, Math.max(0, Math.floor((v - lo) / width)));
    counts[i] = (counts[i] as number) + 1;
  }
  return counts.map((c, i) => [lo + (i + 0.5) * width, c]);
}
