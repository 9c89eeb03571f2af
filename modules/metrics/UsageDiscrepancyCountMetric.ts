import { type AggregateMetric, type AggregateMetricInput } from "aiperf";

/** AIPerf's default `AIPERF_METRICS_USAGE_PCT_DIFF_THRESHOLD`. */
export const USAGE_DIFF_THRESHOLD_PCT = 10;

/** Built-in `usage_discrepancy_count` (AIPerf's): successful requests where the server's usage and the client's count differ by more than 10 % (prompt, completion or reasoning); no row when the server sent no usage. */
export class UsageDiscrepancyCountMetric implements AggregateMetric {
  readonly kind = "aggregate";
  readonly tag = "usage_discrepancy_count";
  readonly header = "Usage discrepancies (>10 %)";
  readonly unit = "requests";
  readonly dependsOn = ["usage_prompt_tokens_diff_pct", "usage_completion_tokens_diff_pct", "usage_reasoning_tokens_diff_pct"];
  compute({ metrics }: AggregateMetricInput): number | undefined {
    let compared = 0;
    let over = 0;
    for (const m of metrics) {
      const diffs = [m.usage_prompt_tokens_diff_pct, m.usage_completion_tokens_diff_pct, m.usage_reasoning_tokens_diff_pct];
      if (diffs.every((d) => d === undefined)) continue;
      compared++;
      if (diffs.some((d) => d !== undefined && d > USAGE_DIFF_THRESHOLD_PCT)) over++;
    }
    return compared === 0 ? undefined : over;
  }
}
