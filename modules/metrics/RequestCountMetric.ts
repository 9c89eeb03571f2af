import type { AggregateMetric, AggregateMetricInput } from "aiperf";

/** Built-in `request_count`: requests that neither failed nor were cancelled. */
export class RequestCountMetric implements AggregateMetric {
  readonly kind = "aggregate";
  readonly tag = "request_count";
  readonly header = "Successful requests";
  readonly unit = "requests";

  compute({ records }: AggregateMetricInput): number {
    let ok = 0;
    for (const r of records) if (r.error === undefined && !r.cancelled) ok++;
    return ok;
  }
}
