import type { Threshold, ThresholdOperator } from "./Threshold.js";

const PATTERN =
  /^\s*(?:([a-z][a-z0-9]*)\s*\(\s*([A-Za-z_][\w.-]*)\s*\)|([A-Za-z_][\w.-]*))\s*(<=|>=|==|!=|<|>)\s*([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)\s*$/;

/**
 * Parses `p99(time_to_first_token)<300` or `error_rate<0.01` (k6's threshold form); undefined
 * when the text is no such expression. Names are not checked here (see `checkMetricOptions`).
 * @public
 */
export function parseThreshold(expression: string): Threshold | undefined {
  const m = PATTERN.exec(expression);
  if (!m) return undefined;
  const [, stat, inner, bare, op, limit] = m;
  return {
    expression: expression.trim(),
    metric: (inner ?? bare) as string,
    stat: stat ?? "avg",
    op: op as ThresholdOperator,
    limit: Number(limit),
  };
}

/** Whether `value op limit` holds. */
export function compare(value: number, op: ThresholdOperator, limit: number): boolean {
  switch (op) {
    case "<":
      return value < limit;
    case "<=":
      return value <= limit;
    case ">":
      return value > limit;
    case ">=":
      return value >= limit;
    case "==":
      return value === limit;
    case "!=":
      return value !== limit;
  }
}
