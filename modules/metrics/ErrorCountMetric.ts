import type { AggregateMetric, AggregateMetricInput } from "aiperf";
import { recordTotals } from "./recordTotals.js";

/** Built-in `error_count`: finished requests that failed (a cancelled request is not an error). */
export class ErrorCountMetric implements AggregateMetric {
  readonly kind = "aggregate";
  readonly tag = "error_count";
  readonly header = "Errors";
  readonly unit = "requests";

  compute({ records }: AggregateMetricInput): number {
    return recordTotals(records).errors;
  }
}
