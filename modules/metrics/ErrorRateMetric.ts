import type { AggregateMetric, AggregateMetricInput } from "aiperf";

/** Built-in `error_rate`: errors over finished (not cancelled) requests; 0 when none finished. */
export class ErrorRateMetric implements AggregateMetric {
  readonly kind = "aggregate";
  readonly tag = "error_rate";
  readonly header = "Error rate";
  readonly unit = "fraction";
  readonly dependsOn = ["request_count", "error_count"];

  compute({ computed }: AggregateMetricInput): number {
    const errors = computed.error_count ?? 0;
    const finished = errors + (computed.request_count ?? 0);
    return finished === 0 ? 0 : errors / finished;
  }
}
