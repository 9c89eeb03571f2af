import { type AggregateMetric, type AggregateMetricInput } from "aiperf";
import { sumOf } from "./validRecords.js";

/** Built-in `total_osl` (AIPerf's): the sum of successful requests' output sequence lengths (reasoning included). */
export class TotalOslMetric implements AggregateMetric {
  readonly kind = "aggregate";
  readonly tag = "total_osl";
  readonly header = "Total output sequence length";
  readonly unit = "tokens";
  readonly console = false;
  readonly dependsOn = ["output_sequence_length"];
  compute({ metrics }: AggregateMetricInput): number {
    return sumOf(metrics, "output_sequence_length");
  }
}
