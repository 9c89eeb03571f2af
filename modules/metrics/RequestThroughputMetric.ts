import type { AggregateMetric, AggregateMetricInput } from "aiperf";
import { phaseDurationS } from "./phaseDurationS.js";

/** Built-in `request_throughput`: successful requests per second of the phase. */
export class RequestThroughputMetric implements AggregateMetric {
  readonly kind = "aggregate";
  readonly tag = "request_throughput";
  readonly header = "Request throughput";
  readonly unit = "requests/s";
  readonly dependsOn = ["request_count"];

  compute({ stats, computed }: AggregateMetricInput): number | undefined {
    const durationS = phaseDurationS(stats);
    return durationS > 0 ? (computed.request_count ?? 0) / durationS : undefined;
  }
}
