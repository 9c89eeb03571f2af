import { type AggregateMetric, type AggregateMetricInput } from "aiperf";
import { lastResponseNs } from "./recordTimes.js";
import { isValid } from "./validRecords.js";

/** Built-in `max_response_timestamp` (AIPerf's): the last successful request's final response (CLOCK_MONOTONIC ns). */
export class MaxResponseTimestampMetric implements AggregateMetric {
  readonly kind = "aggregate";
  readonly tag = "max_response_timestamp";
  readonly header = "Maximum response timestamp";
  readonly unit = "ns";
  readonly console = false;
  compute({ records }: AggregateMetricInput): number | undefined {
    let max: number | undefined;
    for (const r of records) {
      if (!isValid(r)) continue;
      const last = lastResponseNs(r);
      if (max === undefined || last > max) max = last;
    }
    return max;
  }
}
