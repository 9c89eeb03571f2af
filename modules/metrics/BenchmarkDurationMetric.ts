import { type AggregateMetric, type AggregateMetricInput } from "aiperf";

/** Built-in `benchmark_duration` (AIPerf's): maximum response timestamp − minimum request timestamp, in seconds; every throughput divides by it. */
export class BenchmarkDurationMetric implements AggregateMetric {
  readonly kind = "aggregate";
  readonly tag = "benchmark_duration";
  readonly header = "Benchmark duration";
  readonly unit = "s";
  readonly console = false;
  readonly dependsOn = ["min_request_timestamp", "max_response_timestamp"];
  compute({ computed }: AggregateMetricInput): number | undefined {
    const first = computed.min_request_timestamp;
    const last = computed.max_response_timestamp;
    return first === undefined || last === undefined ? undefined : (last - first) / 1e9;
  }
}
