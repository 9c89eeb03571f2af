import type { AggregateMetric, AggregateMetricInput } from "aiperf";

/** Built-in `error_count`: finished requests that failed (a cancelled request is not an error). */
export class ErrorCountMetric implements AggregateMetric {
  readonly kind = "aggregate";
  readonly tag = "error_count";
  readonly header = "Errors";
  readonly unit = "requests";

  compute({ records }: AggregateMetricInput): number {
    let errors = 0;
    for (const r of records) if (r.error !== undefined && !r.cancelled) errors++;
    return errors;
  }
}
