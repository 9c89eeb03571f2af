import type { RecordSeries } from "./readRecords.js";

/** `[seconds since the profiling phase began, value]`. */
export type Point = [number, number];

/** What the timeline charts draw of one run: small whatever the run's size. */
export interface Timelines {
  /** Window width in seconds: 1, wider only for runs over 30 minutes (at most 1800 windows). */
  windowS: number;
  /** Where the last window ends: the run's end. */
  endS: number;
  ttft: Point[];
  latency: Point[];
  outputTokensPerS: Point[];
  requestsPerS: Point[];
  inFlight: Point[];
  errors: Point[];
}

const MAX_WINDOWS = 1800;
/** Time buckets of a per-request scatter; each keeps its lowest and highest request. */
const SCATTER_BUCKETS = 400;

function windowWidth(spanS: number): number {
  return Math.max(1, Math.ceil(spanS / MAX_WINDOWS));
}

/**
 * Windows as a step line: each value at its window's start, rates divided by the time the window
 * covers (the last one ends with the run).
 */
function steps(values: readonly number[], width: number, endS: number, rate: boolean): Point[] {
  return values.map((v, w) => {
    const covered = Math.min(width, endS - w * width);
    return [w * width, rate ? v / (covered > 0 ? covered : width) : v];
  });
}

/** Per-window count of the events at `times` that `keep` selects. */
function countPerWindow(times: readonly number[], keep: (i: number) => boolean, width: number, windows: number): number[] {
  const counts = new Array<number>(windows).fill(0);
  times.forEach((t, i) => {
    if (t >= 0 && keep(i)) {
      const w = Math.min(windows - 1, Math.floor(t / width));
      counts[w] = (counts[w] as number) + 1;
    }
  });
  return counts;
}

/** One-second buckets summed into windows of `width` seconds. */
function mergeBuckets(buckets: readonly number[], width: number, windows: number): number[] {
  const sums = new Array<number>(windows).fill(0);
  buckets.forEach((v, s) => {
    const w = Math.min(windows - 1, Math.floor(s / width));
    sums[w] = (sums[w] as number) + v;
  });
  return sums;
}

/** The most requests in flight at once within each window (a window starts with what was in flight). */
function inFlightPerWindow(series: RecordSeries, width: number, windows: number): number[] {
  const events: [number, number][] = [];
  for (let i = 0; i < series.count; i++) events.push([series.startS[i] as number, 1], [series.endS[i] as number, -1]);
  // Ends before starts at the same instant: a request replaced by the next is not two in flight.
  events.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const peak = new Array<number>(windows).fill(0);
  let now = 0;
  let w = 0;
  for (const [t, delta] of events) {
    const at = Math.min(windows - 1, Math.max(0, Math.floor(t / width)));
    while (w < at) peak[++w] = now;
    now += delta;
    peak[at] = Math.max(peak[at] as number, now);
  }
  while (w < windows - 1) peak[++w] = now;
  return peak;
}

/**
 * A per-request scatter kept to at most 2 × {@link SCATTER_BUCKETS} points: in each time bucket
 * the lowest and the highest request, so spikes and floors stay visible.
 */
export function downsampleScatter(x: readonly number[], y: readonly number[], spanS: number): Point[] {
  const width = Math.max(spanS, 1e-9) / SCATTER_BUCKETS;
  const lo = new Map<number, Point>();
  const hi = new Map<number, Point>();
  for (let i = 0; i < x.length; i++) {
    const v = y[i] as number;
    const t = x[i] as number;
    if (!Number.isFinite(v)) continue;
    const b = Math.floor(t / width);
    const l = lo.get(b);
    const h = hi.get(b);
    if (!l || v < l[1]) lo.set(b, [t, v]);
    if (!h || v > h[1]) hi.set(b, [t, v]);
  }
  const points = new Set<Point>([...lo.values(), ...hi.values()]);
  return [...points].sort((a, b) => a[0] - b[0]);
}

/** The timelines of one run; `spanS` is the profiling phase's length (or the records' span). */
export function buildTimelines(series: RecordSeries, spanS: number): Timelines {
  const last = series.endS.reduce((m, v) => Math.max(m, v), spanS);
  const windowS = windowWidth(last);
  const windows = Math.max(1, Math.ceil(last / windowS));
  return {
    windowS,
    endS: last,
    ttft: downsampleScatter(series.startS, series.ttftMs, last),
    latency: downsampleScatter(series.startS, series.latencyMs, last),
    outputTokensPerS: steps(mergeBuckets(series.tokensPerBucket, windowS, windows), windowS, last, true),
    requestsPerS: steps(
      countPerWindow(series.endS, (i) => Number.isFinite(series.latencyMs[i]), windowS, windows),
      windowS,
      last,
      true,
    ),
    inFlight: steps(inFlightPerWindow(series, windowS, windows), windowS, last, false),
    errors: steps(
      countPerWindow(series.endS, (i) => series.failed[i] === true, windowS, windows),
      windowS,
      last,
      false,
    ),
  };
}
