/**
 * A comparison a threshold makes.
 * @public
 */
export type ThresholdOperator = "<" | "<=" | ">" | ">=" | "==" | "!=";

/**
 * One parsed `--threshold`: `stat(metric) op limit`, or `metric op limit` (its `avg`, which is an
 * aggregate metric's one value).
 * @public
 */
export interface Threshold {
  /** As written. */
  expression: string;
  metric: string;
  stat: string;
  op: ThresholdOperator;
  limit: number;
}

/**
 * A threshold's outcome, reported in the summary table and profile_export.json.
 * @public
 */
export interface ThresholdResult extends Threshold {
  /** The measured value; absent when the run has none (a failure). */
  value?: number;
  passed: boolean;
}
