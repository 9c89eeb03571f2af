import { instanceName } from "../../kernel/binding/entryOf.js";
import { closestName } from "../../kernel/util/closestName.js";
import type { Metric } from "../protocols/Metric.js";
import { MetricError } from "./MetricError.js";
import { MetricErrorCode } from "./MetricErrorCode.js";

function isText(value: unknown): value is string {
  return typeof value === "string" && value.length > 0;
}

/** Rejects a metric whose declaration cannot be used (a plain-JS plugin has no type checker). */
function checkShape(metric: Metric): void {
  const name = instanceName(metric);
  const problems: string[] = [];
  if (!isText(metric.tag)) problems.push("a non-empty string `tag`");
  if (typeof metric.header !== "string") problems.push("a string `header`");
  if (typeof metric.unit !== "string") problems.push("a string `unit`");
  if (metric.kind !== "record" && metric.kind !== "aggregate") problems.push('`kind: "record"` or `kind: "aggregate"`');
  if (typeof metric.compute !== "function") problems.push("a `compute` method");
  if (metric.dependsOn !== undefined && !(Array.isArray(metric.dependsOn) && metric.dependsOn.every(isText))) problems.push("`dependsOn` as a list of tags");
  if (problems.length > 0) {
    throw new MetricError(MetricErrorCode.Invalid, `metric "${name}" needs ${problems.join(", ")}`, isText(metric.tag) ? [metric.tag] : []);
  }
}

function indexByTag(metrics: readonly Metric[]): Map<string, Metric> {
  const byTag = new Map<string, Metric>();
  for (const metric of metrics) {
    checkShape(metric);
    const other = byTag.get(metric.tag);
    if (other) {
      throw new MetricError(
        MetricErrorCode.Invalid,
        `metrics "${instanceName(other)}" and "${instanceName(metric)}" both have tag "${metric.tag}"; give one another tag (or replace the first by registering the same name with a higher priority)`,
        [metric.tag],
      );
    }
    byTag.set(metric.tag, metric);
  }
  return byTag;
}

function dependency(metric: Metric, tag: string, byTag: ReadonlyMap<string, Metric>): Metric {
  const found = byTag.get(tag);
  if (!found) {
    const close = closestName(tag, [...byTag.keys()]);
    throw new MetricError(
      MetricErrorCode.MissingDependency,
      `metric "${metric.tag}" depends on "${tag}", which no enabled metric has.${close ? ` Did you mean "${close}"?` : ""}`,
      [metric.tag, tag],
    );
  }
  if (metric.kind === "record" && found.kind === "aggregate") {
    throw new MetricError(
      MetricErrorCode.MissingDependency,
      `record metric "${metric.tag}" depends on "${tag}", an aggregate metric: a per-request value cannot read a whole-phase one (make "${metric.tag}" an aggregate metric)`,
      [metric.tag, tag],
    );
  }
  return found;
}

/**
 * The metrics in the order to compute them: in the given (registration) order, except that a
 * metric's dependencies (in registration order too) are moved just before it, so the result is
 * the same on every run. Throws `MetricError`:
 * `AIPERF_METRIC_INVALID`, `AIPERF_METRIC_MISSING_DEPENDENCY` or `AIPERF_METRIC_DEPENDENCY_CYCLE`
 * (naming the loop).
 * @public
 */
export function orderMetrics(metrics: readonly Metric[]): Metric[] {
  const byTag = indexByTag(metrics);
  const position = new Map(metrics.map((m, i) => [m, i]));
  const ordered: Metric[] = [];
  const done = new Set<string>();
  // Depth-first, with the path kept so a cycle is reported as the loop itself.
  const path: string[] = [];
  const visit = (metric: Metric): void => {
    if (done.has(metric.tag)) return;
    const at = path.indexOf(metric.tag);
    if (at >= 0) {
      const loop = [...path.slice(at), metric.tag];
      throw new MetricError(MetricErrorCode.DependencyCycle, `metrics depend on each other in a loop: ${loop.join(" → ")}`, loop);
    }
    path.push(metric.tag);
    const deps = (metric.dependsOn ?? []).map((tag) => dependency(metric, tag, byTag));
    for (const dep of deps.sort((a, b) => (position.get(a) as number) - (position.get(b) as number))) visit(dep);
    path.pop();
    done.add(metric.tag);
    ordered.push(metric);
  };
  for (const metric of metrics) visit(metric);
  return ordered;
}
