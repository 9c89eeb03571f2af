import type { LoadedConfig } from "../../kernel/config/loadConfig.js";
import { formatLocation } from "../../kernel/errors/AiperfError.js";
import { closestName } from "../../kernel/util/closestName.js";
import type { AppConfig } from "../config/AppConfig.js";
import type { Metric } from "../protocols/Metric.js";
import { MetricError } from "./MetricError.js";
import { MetricErrorCode } from "./MetricErrorCode.js";
import { parseThreshold } from "./parseThreshold.js";
import type { Threshold } from "./Threshold.js";

/** Statistics of a record metric's row, in the order they are listed. */
export const RECORD_STATS = ["avg", "count", "max", "min", "p1", "p10", "p25", "p5", "p50", "p75", "p90", "p95", "p99", "std", "sum"] as const;

function choices(value: string, valid: readonly string[]): string {
  const sorted = [...valid].sort();
  const close = closestName(value, sorted);
  return `Valid: ${sorted.join(", ")}.${close ? ` Did you mean "${close}"?` : ""}`;
}

function where(loaded: Pick<LoadedConfig, "locate"> | undefined, path: (string | number)[]): string {
  const at = loaded?.locate(path);
  return at?.line !== undefined ? ` (${formatLocation(at)})` : "";
}

/**
 * Checks `thresholds:` and `goodput:` against the enabled metrics before anything is sent; throws
 * a `MetricError` naming the bad entry, the sorted valid choices and the closest match. Returns
 * the parsed thresholds.
 * @public
 */
export function checkMetricOptions(
  config: Pick<AppConfig, "thresholds" | "goodput">,
  metrics: readonly Metric[],
  loaded?: Pick<LoadedConfig, "locate">,
): Threshold[] {
  const byTag = new Map(metrics.map((m) => [m.tag, m]));
  const tags = [...byTag.keys()];
  const parsed: Threshold[] = [];
  for (const [i, expression] of (config.thresholds ?? []).entries()) {
    const at = where(loaded, ["thresholds", i]);
    const t = parseThreshold(expression);
    if (!t)
      throw new MetricError(
        MetricErrorCode.ThresholdInvalid,
        `threshold "${expression}"${at} is not "stat(metric) op number" or "metric op number", e.g. "p99(time_to_first_token)<300" or "error_rate<0.01"`,
        [],
      );
    const metric = byTag.get(t.metric);
    if (!metric)
      throw new MetricError(MetricErrorCode.Unknown, `threshold "${expression}"${at}: no metric "${t.metric}". ${choices(t.metric, tags)}`, [t.metric]);
    const stats: readonly string[] = metric.kind === "record" ? RECORD_STATS : ["avg"];
    if (!stats.includes(t.stat)) {
      const kind = metric.kind === "record" ? "" : ` (an aggregate metric has one value: write "${t.metric}${t.op}${t.limit}")`;
      throw new MetricError(
        MetricErrorCode.ThresholdInvalid,
        `threshold "${expression}"${at}: no statistic "${t.stat}" for ${t.metric}${kind}. ${choices(t.stat, stats)}`,
        [t.metric],
      );
    }
    parsed.push(t);
  }
  const recordTags = metrics.filter((m) => m.kind === "record").map((m) => m.tag);
  for (const [tag, slo] of Object.entries(config.goodput ?? {})) {
    const at = where(loaded, ["goodput", tag]);
    if (!recordTags.includes(tag)) {
      throw new MetricError(MetricErrorCode.Unknown, `goodput SLO "${tag}"${at}: no per-request metric "${tag}". ${choices(tag, recordTags)}`, [tag]);
    }
    if (typeof slo !== "number" || !Number.isFinite(slo))
      throw new MetricError(MetricErrorCode.GoodputInvalid, `goodput SLO "${tag}"${at} must be a number in the metric's unit (${byTag.get(tag)?.unit})`, [tag]);
  }
  return parsed;
}
