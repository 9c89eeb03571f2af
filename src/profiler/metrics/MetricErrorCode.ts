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
} as const;

/** @public */
export type MetricErrorCode = (typeof MetricErrorCode)[keyof typeof MetricErrorCode];
