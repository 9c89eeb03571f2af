import { type AggregateMetric, type AggregateMetricInput } from "aiperf";
import { recordTotals } from "./recordTotals.js";

/** Built-in `min_request_timestamp` (AIPerf's): when the first successful request was sent (CLOCK_MONOTONIC ns, as in the records). */
export class MinRequestTimestampMetric implements AggregateMetric {
  readonly kind = "aggregate";
  readonly tag = "min_request_timestamp";
  readonly header = "Minimum request timestamp";
  readonly unit = "ns";
  readonly console = false;
  compute({ records }: AggregateMetricInput): number | undefined {
    return recordTotals(records).minValidStartNs;
  }
}
