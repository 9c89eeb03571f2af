import {
  type AggregateMetric,
  Metric,
  type MetricInfo,
  type MetricResult,
  multiInject,
  optional,
  orderMetrics,
  type RecordMetric,
  type RecordMetrics,
  type ResultsInput,
  type ResultsProcessor,
  summarize,
} from "aiperf";

/** The values a record metric's statistics are taken over: each request's value, or each request's samples. */
function valuesOf(metric: RecordMetric, input: ResultsInput): number[] {
  const values: number[] = [];
  if (metric.samples) {
    // Only requests that have record metrics (successful ones) contribute samples.
    for (const [i, record] of input.records.entries()) {
      if (input.metrics[i]?.[metric.tag] === undefined) continue;
      for (const v of metric.samples(record) ?? []) values.push(v);
    }
    return values;
  }
  for (const m of input.metrics) {
    const v = m[metric.tag];
    if (v !== undefined) values.push(v);
  }
  return values;
}

/** The row's identity; `console: false` marks rows the summary table leaves out. */
function head(metric: MetricInfo): Pick<MetricResult, "tag" | "header" | "unit" | "console"> {
  return { tag: metric.tag, header: metric.header, unit: metric.unit, ...(metric.console === false ? { console: false as const } : {}) };
}

/** A record metric's row: count and exact statistics over the requests that have a value. */
function statsRow(metric: RecordMetric, input: ResultsInput): MetricResult | undefined {
  const values = valuesOf(metric, input);
  if (values.length === 0 && metric.omitWhenEmpty) return undefined;
  const s = summarize(values);
  return { ...head(metric), ...(s ?? { count: 0 }) };
}

/** An aggregate metric's row: its one value as `avg`. */
function valueRow(metric: AggregateMetric, value: number | undefined): MetricResult | undefined {
  return value === undefined ? undefined : { ...head(metric), count: 1, avg: value };
}

/**
 * Built-in `metric_results`: exact statistics (count, sum, avg, min, max, std, p1–p99) of each
 * record metric and the value of each aggregate metric, one row per metric in registration order
 * (built-ins first), so the table and the exports keep a stable layout whatever the dependencies.
 */
export class MetricResultsProcessor implements ResultsProcessor {
  private readonly metrics: readonly Metric[];
  private readonly aggregates: readonly AggregateMetric[];
  private readonly definitions: ReadonlyMap<string, MetricInfo>;

  constructor(@multiInject(Metric.token) @optional() metrics: Metric[] | undefined) {
    this.metrics = metrics ?? [];
    this.aggregates = orderMetrics(this.metrics).filter((m): m is AggregateMetric => m.kind === "aggregate");
    this.definitions = new Map(this.metrics.map((m) => [m.tag, m]));
  }

  summarize(input: ResultsInput): MetricResult[] {
    const computed: RecordMetrics = {};
    const context = { ...input, computed, definitions: this.definitions };
    for (const metric of this.aggregates) {
      const value = metric.compute(context);
      if (value !== undefined) computed[metric.tag] = value;
    }
    const rows: MetricResult[] = [];
    for (const metric of this.metrics) {
      const row = metric.kind === "record" ? statsRow(metric, input) : valueRow(metric, computed[metric.tag]);
      if (row) rows.push(row);
    }
    return rows;
  }
}
