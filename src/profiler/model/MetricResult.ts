/**
 * One metric summarized over a phase's records.
 * @public
 */
export interface MetricResult {
  tag: string;
  header: string;
  unit: string;
  count: number;
  avg?: number;
  min?: number;
  max?: number;
  std?: number;
  p50?: number;
  p90?: number;
  p95?: number;
  p99?: number;
}

/**
 * Per-request metric values computed by record processors, keyed by metric tag.
 * @public
 */
export type RecordMetrics = Record<string, number | undefined>;
