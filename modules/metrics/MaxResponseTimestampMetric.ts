import { type AggregateMetric, type AggregateMetricInput } from "aiperf";
import { recordTotals } from "./recordTotals.js";

/** Built-in `max_response_timestamp` (AIPerf's): the last successful request's final response (CLOCK_MONOTONIC ns). */
export class MaxResponseTimestampMetric implements AggregateMetric {
  readonly kind = "aggregate";
  readonly tag = "max_response_timestamp";
  readonly header = "Maximum response timestamp";
  readonly unit = "ns";
  readonly console = false;
  compute({ records }: AggregateMetricInput): number | undefined {
    return recordTotals(records).maxValidResponseNs;
  }
}
