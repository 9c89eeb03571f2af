import type { RecordMetrics } from "./MetricResult.js";

/**
 * Per-request metric values of a phase, one entry per record (same order as the records; failed
 * and cancelled requests have an empty entry). The profiler keeps them as one typed-array column
 * per metric tag, so `at(i)` and iteration build each entry on demand; read a whole metric with
 * `metricColumn(list, tag)` instead (no object per request). A plain `RecordMetrics[]` is a
 * `RecordMetricsList` too.
 * @public
 */
export interface RecordMetricsList extends Iterable<Readonly<RecordMetrics>> {
  readonly length: number;
  /** The entry at `index` (0-based), undefined outside `0 … length − 1`. */
  at(index: number): Readonly<RecordMetrics> | undefined;
}
