import { type AggregateMetric, type AggregateMetricInput } from "aiperf";
import { sumOf } from "./validRecords.js";

/** Built-in `total_isl` (AIPerf's): the sum of successful requests' input sequence lengths. */
export class TotalIslMetric implements AggregateMetric {
  readonly kind = "aggregate";
  readonly tag = "total_isl";
  readonly header = "Total input sequence length";
  readonly unit = "tokens";
  readonly console = false;
  readonly dependsOn = ["input_sequence_length"];
  compute({ metrics }: AggregateMetricInput): number {
    return sumOf(metrics, "input_sequence_length");
  }
}
