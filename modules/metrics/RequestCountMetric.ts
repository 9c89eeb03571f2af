import type { AggregateMetric, AggregateMetricInput } from "aiperf";
import { recordTotals } from "./recordTotals.js";

/** Built-in `request_count`: requests that neither failed nor were cancelled. */
export class RequestCountMetric implements AggregateMetric {
  readonly kind = "aggregate";
  readonly tag = "request_count";
  readonly header = "Successful requests";
  readonly unit = "requests";

  compute({ records }: AggregateMetricInput): number {
    return recordTotals(records).ok;
  }
}
