import { type AggregateMetric, type AggregateMetricInput } from "aiperf";

/** Built-in `total_token_throughput` (AIPerf's): (total input + total output sequence length) / benchmark duration. */
export class TotalTokenThroughputMetric implements AggregateMetric {
  readonly kind = "aggregate";
  readonly tag = "total_token_throughput";
  readonly header = "Total token throughput";
  readonly unit = "tokens/s";
  readonly largerIsBetter = true;
  readonly dependsOn = ["total_isl", "total_osl", "benchmark_duration"];
  compute({ computed }: AggregateMetricInput): number | undefined {
    const duration = computed.benchmark_duration;
    return duration === undefined || duration <= 0 ? undefined : ((computed.total_isl ?? 0) + (computed.total_osl ?? 0)) / duration;
  }
}
