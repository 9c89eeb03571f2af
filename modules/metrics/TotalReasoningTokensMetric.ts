import { type AggregateMetric, type AggregateMetricInput } from "aiperf";
import { anyOf, sumOf } from "./validRecords.js";

/** Built-in `total_reasoning_tokens` (AIPerf's): the sum of successful requests' reasoning tokens. */
export class TotalReasoningTokensMetric implements AggregateMetric {
  readonly kind = "aggregate";
  readonly tag = "total_reasoning_tokens";
  readonly header = "Total reasoning tokens";
  readonly unit = "tokens";
  readonly console = false;
  readonly dependsOn = ["reasoning_token_count"];
  compute({ metrics }: AggregateMetricInput): number | undefined {
    // No row for a model that never reasoned (as reasoning_token_count).
    return anyOf(metrics, "reasoning_token_count") ? sumOf(metrics, "reasoning_token_count") : undefined;
  }
}
