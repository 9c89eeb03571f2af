/**
 * Stable codes of metric definition errors; tools and tests may match on them.
 * @public
 */
export const MetricErrorCode = {
  /** A metric without a usable tag, header, unit, kind or compute, or two metrics with one tag. */
  Invalid: "AIPERF_METRIC_INVALID",
  /** `dependsOn` names a tag no enabled metric has, or a record metric names an aggregate one. */
  MissingDependency: "AIPERF_METRIC_MISSING_DEPENDENCY",
  /** Metrics that depend on each other in a loop. */
  DependencyCycle: "AIPERF_METRIC_DEPENDENCY_CYCLE",
  /** A `--threshold` or `--goodput` names a metric no enabled metric has. */
  Unknown: "AIPERF_METRIC_UNKNOWN",
  /** A `--threshold` that does not parse, or names a statistic the metric does not have. */
  ThresholdInvalid: "AIPERF_THRESHOLD_INVALID",
  /** A `--goodput` SLO that is not `metric:number`, or names a metric with no per-request value. */
  GoodputInvalid: "AIPERF_GOODPUT_INVALID",
} as const;

/** @public */
export type MetricErrorCode = (typeof MetricErrorCode)[keyof typeof MetricErrorCode];
