/**
 * One metric summarized over a phase's records. A record metric has every statistic; an
 * aggregate metric (a throughput, a count) has `count: 1` and its value as `avg`.
 * @public
 */
export interface MetricResult {
  tag: string;
  header: string;
  unit: string;
  count: number;
  sum?: number;
  avg?: number;
  min?: number;
  max?: number;
  std?: number;
  p1?: number;
  p5?: number;
  p10?: number;
  p25?: number;
  p50?: number;
  p75?: number;
  p90?: number;
  p95?: number;
  p99?: number;
  /** `false`: exported, but left out of the summary table (set from the metric's `console`). */
  console?: false;
}

/**
 * Per-request metric values computed by record processors, keyed by metric tag.
 * @public
 */
export type RecordMetrics = Record<string, number | undefined>;
