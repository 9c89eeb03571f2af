import type { MetricResult } from "../model/MetricResult.js";
import { compare } from "./parseThreshold.js";
import type { Threshold, ThresholdResult } from "./Threshold.js";

/**
 * Each threshold against the run's metric rows. A metric with no row or no such statistic (no
 * successful request had a value) fails: a gate that cannot be checked must not pass.
 * @public
 */
export function evaluateThresholds(thresholds: readonly Threshold[], metrics: readonly MetricResult[]): ThresholdResult[] {
  return thresholds.map((t) => {
    const row = metrics.find((m) => m.tag === t.metric);
    const value = row?.[t.stat as keyof MetricResult];
    if (typeof value !== "number" || Number.isNaN(value)) return { ...t, passed: false };
    return { ...t, value, passed: compare(value, t.op, t.limit) };
  });
}
