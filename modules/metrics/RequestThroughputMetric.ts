import { type AggregateMetric, type AggregateMetricInput } from "aiperf";

/** Built-in `request_throughput` (AIPerf's): successful requests / benchmark duration. */
export class RequestThroughputMetric implements AggregateMetric {
  readonly kind = "aggregate";
  readonly tag = "request_throughput";
  readonly header = "Request throughput";
  readonly unit = "requests/s";
  readonly largerIsBetter = true;
  readonly dependsOn = ["request_count", "benchmark_duration"];
  compute({ computed }: AggregateMetricInput): number | undefined {
    const duration = computed.benchmark_duration;
    return duration === undefined || duration <= 0 ? undefined : (computed.request_count ?? 0) / duration;
  }
}
