import type { AggregateMetric, AggregateMetricInput } from "aiperf";
import { phaseDurationS } from "./phaseDurationS.js";

/** Built-in `output_token_throughput`: output tokens of successful requests per second of the phase. */
export class OutputTokenThroughputMetric implements AggregateMetric {
  readonly kind = "aggregate";
  readonly tag = "output_token_throughput";
  readonly header = "Output token throughput";
  readonly unit = "tokens/s";
  readonly dependsOn = ["output_sequence_length"];

  compute({ metrics, stats }: AggregateMetricInput): number | undefined {
    const durationS = phaseDurationS(stats);
    if (durationS <= 0) return undefined;
    let tokens = 0;
    for (const m of metrics) tokens += m.output_sequence_length ?? 0;
    return tokens / durationS;
  }
}
