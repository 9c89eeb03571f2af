import type { AggregateMetric, AggregateMetricInput } from "aiperf";

/** Built-in `cancelled_count`: requests cancelled by a timeout or an interrupt; no row when none were. */
export class CancelledCountMetric implements AggregateMetric {
  readonly kind = "aggregate";
  readonly tag = "cancelled_count";
  readonly header = "Cancelled";
  readonly unit = "requests";

  compute({ stats }: AggregateMetricInput): number | undefined {
    return stats.cancelled > 0 ? stats.cancelled : undefined;
  }
}
