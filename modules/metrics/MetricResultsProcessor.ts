import {
  type AggregateMetric,
  Metric,
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

/** A record metric's row: count and exact statistics over the requests that have a value. */
function statsRow(metric: RecordMetric, perRecord: readonly RecordMetrics[]): MetricResult | undefined {
  const values: number[] = [];
  for (const m of perRecord) {
    const v = m[metric.tag];
    if (v !== undefined) values.push(v);
  }
  if (values.length === 0 && metric.omitWhenEmpty) return undefined;
  const s = summarize(values);
  return {
    tag: metric.tag,
    header: metric.header,
    unit: metric.unit,
    count: values.length,
    ...(s ? { avg: s.avg, min: s.min, max: s.max, std: s.std, p50: s.p50, p90: s.p90, p95: s.p95, p99: s.p99 } : {}),
  };
}

/** An aggregate metric's row: its one value as `avg`. */
function valueRow(metric: AggregateMetric, value: number | undefined): MetricResult | undefined {
  return value === undefined ? undefined : { tag: metric.tag, header: metric.header, unit: metric.unit, count: 1, avg: value };
}

/**
 * Built-in `metric_results`: exact statistics (avg, min, max, std, p50–p99) of each record metric
 * and the value of each aggregate metric, one row per metric in registration order (built-ins
 * first), so the table and the exports keep a stable layout whatever the dependencies.
 */
export class MetricResultsProcessor implements ResultsProcessor {
  private readonly metrics: readonly Metric[];
  private readonly aggregates: readonly AggregateMetric[];

  constructor(@multiInject(Metric.token) @optional() metrics: Metric[] | undefined) {
    this.metrics = metrics ?? [];
    this.aggregates = orderMetrics(this.metrics).filter((m): m is AggregateMetric => m.kind === "aggregate");
  }

  summarize(input: ResultsInput): MetricResult[] {
    const computed: RecordMetrics = {};
    const context = { ...input, computed };
    for (const metric of this.aggregates) {
      const value = metric.compute(context);
      if (value !== undefined) computed[metric.tag] = value;
    }
    const rows: MetricResult[] = [];
    for (const metric of this.metrics) {
      const row = metric.kind === "record" ? statsRow(metric, input.metrics) : valueRow(metric, computed[metric.tag]);
      if (row) rows.push(row);
    }
    return rows;
  }
}
