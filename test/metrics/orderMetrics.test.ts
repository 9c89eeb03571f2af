import { type AggregateMetric, type Metric, MetricError, MetricErrorCode, orderMetrics, type RecordMetric } from "aiperf";
import { describe, expect, it } from "vitest";

function record(tag: string, dependsOn?: string[]): RecordMetric {
  return { kind: "record", tag, header: tag, unit: "x", ...(dependsOn ? { dependsOn } : {}), compute: () => 1 };
}

function aggregate(tag: string, dependsOn?: string[]): AggregateMetric {
  return { kind: "aggregate", tag, header: tag, unit: "x", ...(dependsOn ? { dependsOn } : {}), compute: () => 1 };
}

const tags = (metrics: readonly Metric[]) => metrics.map((m) => m.tag);

/** The MetricError `fn` throws (fails the test when it throws nothing or something else). */
function errorOf(fn: () => unknown): MetricError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(MetricError);
    return error as MetricError;
  }
  throw new Error("expected a MetricError");
}

describe("orderMetrics: dependencies first, otherwise registration order", () => {
  it("keeps the given order when nothing depends on anything", () => {
    expect(tags(orderMetrics([record("b"), record("a"), aggregate("c")]))).toEqual(["b", "a", "c"]);
  });

  it("moves a dependency before its dependent and leaves the rest where it was", () => {
    const ordered = orderMetrics([record("x"), record("ratio", ["out", "in"]), record("in"), record("out"), record("y")]);
    // Dependencies come in registration order, not in the order dependsOn lists them.
    expect(tags(ordered)).toEqual(["x", "in", "out", "ratio", "y"]);
  });

  it("orders chains and lets an aggregate depend on record and aggregate metrics", () => {
    const ordered = orderMetrics([aggregate("rate", ["count", "total"]), aggregate("total", ["len"]), aggregate("count"), record("len")]);
    // rate's dependencies in registration order (total, then count), each after its own.
    expect(tags(ordered)).toEqual(["len", "total", "count", "rate"]);
  });

  it("gives the same order on every call (no dependence on object identity or hashing)", () => {
    const metrics = [record("d", ["a"]), record("c", ["a"]), record("b"), record("a")];
    expect(tags(orderMetrics(metrics))).toEqual(tags(orderMetrics([...metrics])));
  });
});

describe("orderMetrics: coded errors", () => {
  it("a cycle names the loop", () => {
    const error = errorOf(() => orderMetrics([record("a", ["b"]), record("b", ["c"]), record("c", ["a"])]));
    expect(error.code).toBe(MetricErrorCode.DependencyCycle);
    expect(error.code).toBe("AIPERF_METRIC_DEPENDENCY_CYCLE");
    expect(error.tags).toEqual(["a", "b", "c", "a"]);
    expect(error.message).toContain("a → b → c → a");
  });

  it("a metric that depends on itself is a cycle", () => {
    const error = errorOf(() => orderMetrics([aggregate("self", ["self"])]));
    expect(error.code).toBe(MetricErrorCode.DependencyCycle);
    expect(error.tags).toEqual(["self", "self"]);
  });

  it("a cycle reached from a metric outside it still names only the loop", () => {
    const error = errorOf(() => orderMetrics([record("top", ["a"]), record("a", ["b"]), record("b", ["a"])]));
    expect(error.tags).toEqual(["a", "b", "a"]);
  });

  it("a missing dependency names both tags and the closest enabled one", () => {
    const error = errorOf(() => orderMetrics([record("output_sequence_length"), record("per_chunk", ["output_sequence_lenght"])]));
    expect(error.code).toBe(MetricErrorCode.MissingDependency);
    expect(error.tags).toEqual(["per_chunk", "output_sequence_lenght"]);
    expect(error.message).toMatch(/no enabled metric has.*Did you mean "output_sequence_length"/);
  });

  it("a record metric cannot depend on an aggregate one", () => {
    const error = errorOf(() => orderMetrics([aggregate("throughput"), record("share", ["throughput"])]));
    expect(error.code).toBe(MetricErrorCode.MissingDependency);
    expect(error.message).toMatch(/aggregate metric/);
  });

  it("two metrics with one tag are refused", () => {
    const error = errorOf(() => orderMetrics([record("dup"), aggregate("dup")]));
    expect(error.code).toBe(MetricErrorCode.Invalid);
    expect(error.message).toMatch(/both have tag "dup"/);
  });

  it("a metric without a tag, a known kind or a list of dependencies is refused with what it lacks", () => {
    const broken = { kind: "sometimes", header: "h", unit: "u", dependsOn: "a", compute: () => 1 } as unknown as Metric;
    const error = errorOf(() => orderMetrics([broken]));
    expect(error.code).toBe(MetricErrorCode.Invalid);
    expect(error.message).toMatch(/tag.*kind.*dependsOn/);
  });
});
