import { type AggregateMetric, type AggregateMetricInput } from "aiperf";

/** Built-in `output_token_throughput` (AIPerf's): total output sequence length / benchmark duration. */
export class OutputTokenThroughputMetric implements AggregateMetric {
  readonly kind = "aggregate";
  readonly tag = "output_token_throughput";
  readonly header = "Output token throughput";
  readonly unit = "tokens/s";
  readonly largerIsBetter = true;
  readonly dependsOn = ["total_osl", "benchmark_duration"];
  compute({ computed }: AggregateMetricInput): number | undefined {
    const duration = computed.benchmark_duration;
    return duration === undefined || duration <= 0 ? undefined : (computed.total_osl ?? 0) / duration;
  }
}
