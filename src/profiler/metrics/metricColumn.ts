import type { RecordMetricsList } from "../model/RecordMetricsList.js";
import { MetricColumns } from "../run/MetricColumns.js";

/**
 * One metric's value for every request, NaN where a request has none: the profiler's own column
 * when `metrics` is its column store (no copy; do not write to it), else a column built by reading
 * each entry. Summing or counting a metric over a million requests this way builds no object per
 * request.
 * @public
 */
export function metricColumn(metrics: RecordMetricsList, tag: string): ArrayLike<number> {
  if (metrics instanceof MetricColumns) return metrics.column(tag) ?? new Float64Array(metrics.length).fill(Number.NaN);
  const column = new Float64Array(metrics.length);
  let i = 0;
  for (const entry of metrics) column[i++] = entry[tag] ?? Number.NaN;
  return column;
}
