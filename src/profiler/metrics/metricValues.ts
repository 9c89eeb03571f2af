import type { RecordMetricsList } from "../model/RecordMetricsList.js";
import { MetricColumns } from "../run/MetricColumns.js";

/**
 * The values of one metric over the requests that have one, in record order. With `into`, they
 * are written into its start (a subarray of it is returned) when it is long enough: one buffer
 * reused from metric to metric instead of a new array of up to 8 bytes per request each.
 * @public
 */
export function metricValues(metrics: RecordMetricsList, tag: string, into?: Float64Array): Float64Array {
  if (metrics instanceof MetricColumns) return metrics.values(tag, into);
  const values: number[] = [];
  for (const entry of metrics) {
    const v = entry[tag];
    if (v !== undefined && !Number.isNaN(v)) values.push(v);
  }
  if (into !== undefined && into.length >= values.length) {
    into.set(values);
    return into.subarray(0, values.length);
  }
  return Float64Array.from(values);
}
