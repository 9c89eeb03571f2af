import { sortedFinite } from "./histogram.js";
import type { LatencyRole } from "./metricTags.js";
import type { RecordSeries } from "./readRecords.js";

/** Each latency's per-request values, sorted (for the distributions' shapes). */
export type HistogramSamples = Record<LatencyRole, Float64Array>;

/** The per-request latencies of a series, sorted. */
export function samplesOf(series: RecordSeries): HistogramSamples {
  return { ttft: sortedFinite(series.ttftMs), itl: sortedFinite(series.itlMs), latency: sortedFinite(series.latencyMs) };
}
