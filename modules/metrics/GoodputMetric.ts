import { type AggregateMetric, type AggregateMetricInput } from "aiperf";

/** Built-in `goodput` (AIPerf's): good requests / benchmark duration. */
export class GoodputMetric implements AggregateMetric {
  readonly kind = "aggregate";
  readonly tag = "goodput";
  readonly header = "Goodput";
  readonly unit = "requests/s";
  readonly largerIsBetter = true;
  readonly dependsOn = ["good_request_count", "benchmark_duration"];

  compute({ computed }: AggregateMetricInput): number | undefined {
    const good = computed.good_request_count;
    const duration = computed.benchmark_duration;
    if (good === undefined) return undefined;
    return duration === undefined || duration <= 0 ? 0 : good / duration;
  }
}
