import { type AggregateMetric, type AggregateMetricInput } from "aiperf";
import { isValid } from "./validRecords.js";

/** Built-in `min_request_timestamp` (AIPerf's): when the first successful request was sent (CLOCK_MONOTONIC ns, as in the records). */
export class MinRequestTimestampMetric implements AggregateMetric {
  readonly kind = "aggregate";
  readonly tag = "min_request_timestamp";
  readonly header = "Minimum request timestamp";
  readonly unit = "ns";
  readonly console = false;
  compute({ records }: AggregateMetricInput): number | undefined {
    let min: number | undefined;
    for (const r of records) if (isValid(r) && (min === undefined || r.startNs < min)) min = r.startNs;
    return min;
  }
}
