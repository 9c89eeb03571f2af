import { type AggregateMetric, type AggregateMetricInput, metricColumn } from "aiperf";

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
    const columns = this.dependsOn.map((tag) => metricColumn(metrics, tag));
    for (let i = 0; i < metrics.length; i++) {
      let has = false;
      let exceeds = false;
      for (const column of columns) {
        const d = column[i] as number;
        if (Number.isNaN(d)) continue;
        has = true;
        if (d > USAGE_DIFF_THRESHOLD_PCT) exceeds = true;
      }
      if (!has) continue;
      compared++;
      if (exceeds) over++;
    }
    return compared === 0 ? undefined : over;
  }
}
