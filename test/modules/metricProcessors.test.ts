import type { AggregateMetric, Metric, PhaseStats, RecordMetric, RecordMetrics, RequestRecord } from "aiperf";
import { summarize as summaryOfValues } from "aiperf";
import { describe, expect, it } from "vitest";
// The built-in processors' internals, tested directly with hand-made metrics.
import { MetricRecordProcessor } from "../../dist/modules/metrics/MetricRecordProcessor.js";
import { MetricResultsProcessor } from "../../dist/modules/metrics/MetricResultsProcessor.js";

function rec(i: number, extra: Partial<RequestRecord> = {}): RequestRecord {
  return {
    phase: "profiling" as RequestRecord["phase"],
    credit: i,
    turnId: `t${i}`,
    startNs: 0,
    tokenNs: [1, 2],
    endNs: 10,
    inputTokens: 10,
    outputTokens: 4 + i,
    ...extra,
  };
}

const stats: PhaseStats = {
  phase: "profiling" as PhaseStats["phase"],
  sent: 3,
  completed: 3,
  cancelled: 0,
  errors: 1,
  inFlight: 0,
  sentSessions: 3,
  timedOut: false,
};

const output: RecordMetric = { kind: "record", tag: "out", header: "Out", unit: "tokens", compute: (r) => r.outputTokens };
const perChunk: RecordMetric = {
  kind: "record",
  tag: "per_chunk",
  header: "Per chunk",
  unit: "tokens",
  dependsOn: ["out"],
  compute: (r, computed) => (computed.out === undefined ? undefined : computed.out / r.tokenNs.length),
};
/** The gaps between a record's token times, in ms, as its samples. */
const gaps: RecordMetric = {
  kind: "record",
  tag: "gaps",
  header: "Gaps",
  unit: "ms",
  compute: (r) => r.tokenNs.length,
  samples: (r) => r.tokenNs.slice(1).map((t, k) => (t - (r.tokenNs[k] as number)) / 1e6),
};
const total: AggregateMetric = {
  kind: "aggregate",
  tag: "total",
  header: "Total",
  unit: "tokens",
  dependsOn: ["out"],
  compute: ({ metrics }) => [...metrics].reduce((n, m) => n + (m.out ?? 0), 0),
};
const doubled: AggregateMetric = {
  kind: "aggregate",
  tag: "doubled",
  header: "Doubled",
  unit: "tokens",
  dependsOn: ["total"],
  compute: ({ computed }) => (computed.total ?? 0) * 2,
};

describe("metric_record", () => {
  it("computes dependencies first, hands their values to dependents, and skips failed and cancelled requests", () => {
    const processor = new MetricRecordProcessor([perChunk, total, output]);
    expect(processor.process(rec(0))).toEqual({ out: 4, per_chunk: 2 });
    expect(processor.process(rec(1, { error: "HTTP 500" }))).toEqual({});
    expect(processor.process(rec(2, { cancelled: true }))).toEqual({});
  });

  it("leaves a metric out of a record when it returns undefined", () => {
    const sometimes: RecordMetric = { ...output, tag: "even", compute: (r) => (r.credit % 2 === 0 ? 1 : undefined) };
    expect(new MetricRecordProcessor([sometimes]).process(rec(1))).toEqual({});
  });

  it("fails when built, before any record, on a dependency cycle", () => {
    const a: RecordMetric = { ...output, tag: "a", dependsOn: ["b"] };
    const b: RecordMetric = { ...output, tag: "b", dependsOn: ["a"] };
    expect(() => new MetricRecordProcessor([a, b])).toThrow(expect.objectContaining({ code: "AIPERF_METRIC_DEPENDENCY_CYCLE" }));
  });
});

describe("metric_results", () => {
  const summarize = (metrics: Metric[], records: RequestRecord[]) => {
    const perRecord: RecordMetrics[] = records.map((r) => new MetricRecordProcessor(metrics).process(r));
    return new MetricResultsProcessor(metrics).summarize({ records, metrics: perRecord, stats });
  };

  it("one row per metric in registration order, whatever order they were computed in", () => {
    const rows = summarize([doubled, perChunk, total, output], [rec(0), rec(2), rec(1, { error: "x" })]);
    expect(rows.map((r) => r.tag)).toEqual(["doubled", "per_chunk", "total", "out"]);
    expect(rows.find((r) => r.tag === "out")).toMatchObject({ header: "Out", unit: "tokens", count: 2, avg: 5, min: 4, max: 6, p50: 5 });
    expect(rows.find((r) => r.tag === "total")).toEqual({ tag: "total", header: "Total", unit: "tokens", count: 1, avg: 10 });
    expect(rows.find((r) => r.tag === "doubled")?.avg).toBe(20);
  });

  it("a record metric with no values keeps a count-0 row unless it asks to be omitted", () => {
    const never: RecordMetric = { ...output, tag: "never", compute: () => undefined };
    const hidden: RecordMetric = { ...never, tag: "hidden", omitWhenEmpty: true };
    expect(summarize([never, hidden], [rec(0)])).toEqual([{ tag: "never", header: "Out", unit: "tokens", count: 0 }]);
  });

  it("an aggregate metric that returns undefined has no row", () => {
    const none: AggregateMetric = { ...total, tag: "none", dependsOn: [], compute: () => undefined };
    expect(summarize([none, output], [rec(0)]).map((r) => r.tag)).toEqual(["out"]);
  });

  it("a metric's samples are summarized exactly, whole nanoseconds (kept as integers) or not", () => {
    const tokens = (i: number, step: number) => Array.from({ length: 6 }, (_, k) => 1_000_000_000 + i * 7 + k * step * (1 + (i % 5)));
    for (const step of [1_234_567, 0.5, 5_000_000_000]) {
      const records = Array.from({ length: 50 }, (_, i) => rec(i, { tokenNs: tokens(i, step) }));
      const all = records.flatMap((r) => gaps.samples?.(r) ?? []);
      const row = summarize([gaps], records).find((r) => r.tag === "gaps");
      const { tag: _tag, header: _header, unit: _unit, ...stats } = row as unknown as Record<string, unknown>;
      expect(stats).toStrictEqual(summaryOfValues(all));
    }
  });

  it("millions of samples in whole nanoseconds are summarized from counts: the same percentiles, min and max", () => {
    // 70,000 streams of 61 chunks: 4.2 million gaps, past the size kept as an array.
    const records = Array.from({ length: 70_000 }, (_, i) =>
      rec(i, { tokenNs: Array.from({ length: 61 }, (_, k) => 1e9 + k * (9_000_000 + ((i * 7919 + k * 104_729) % 2_000_003))) }),
    );
    const all = new Float64Array(records.reduce((n, r) => n + r.tokenNs.length - 1, 0));
    let at = 0;
    for (const r of records) for (const v of gaps.samples?.(r) ?? []) all[at++] = v;
    expect(all.length).toBeGreaterThanOrEqual(1 << 22);
    const row = summarize([gaps], records).find((r) => r.tag === "gaps") as unknown as Record<string, number>;
    const { sum, avg, std, ...exact } = summaryOfValues(all) as NonNullable<ReturnType<typeof summaryOfValues>>;
    expect(row).toMatchObject(exact);
    expect(row.sum / sum).toBeCloseTo(1, 10);
    expect(row.avg / avg).toBeCloseTo(1, 10);
    expect(row.std / std).toBeCloseTo(1, 8);
  });

  it("with no metrics enabled, there are no rows", () => {
    expect(new MetricResultsProcessor(undefined).summarize({ records: [rec(0)], metrics: [{}], stats })).toEqual([]);
  });
});
