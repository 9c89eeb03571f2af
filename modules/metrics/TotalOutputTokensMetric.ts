import { type AggregateMetric, type AggregateMetricInput } from "aiperf";
import { sumOf } from "./validRecords.js";

/** Built-in `total_output_tokens` (AIPerf's): the sum of successful requests' content tokens. */
export class TotalOutputTokensMetric implements AggregateMetric {
  readonly kind = "aggregate";
  readonly tag = "total_output_tokens";
  readonly header = "Total output tokens";
  readonly unit = "tokens";
  readonly console = false;
  readonly dependsOn = ["output_token_count"];
  compute({ metrics }: AggregateMetricInput): number {
    return sumOf(metrics, "output_token_count");
  }
}
