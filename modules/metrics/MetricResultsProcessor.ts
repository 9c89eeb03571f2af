import {
  type AggregateMetric,
  Metric,
  type MetricInfo,
  type MetricResult,
  metricColumn,
  metricValues,
  multiInject,
  optional,
  orderMetrics,
  type RecordMetric,
  type RecordMetrics,
  type ResultsInput,
  type ResultsProcessor,
  summarizeInPlace,
} from "aiperf";

/**
 * Each request's samples of `metric`, for the requests that have its value (the successful ones),
 * in one array sized by a first counting pass: a million streamed requests have tens of millions
 * of gaps, and gathering them in blocks and joining would hold them twice.
 */
function samplesOf(metric: RecordMetric, input: ResultsInput, column: ArrayLike<number>): Float64Array {
  const samples = metric.samples as NonNullable<RecordMetric["samples"]>;
  let count = 0;
  let i = 0;
  for (const record of input.records) if (!Number.isNaN(column[i++] as number)) count += samples(record)?.length ?? 0;
  const all = new Float64Array(count);
  let at = 0;
  i = 0;
  for (const record of input.records) {
    if (Number.isNaN(column[i++] as number)) continue;
    for (const v of samples(record) ?? []) if (at < count) all[at++] = v;
  }
  return all.subarray(0, at);
}

/**
 * The values a record metric's statistics are taken over: each request's value (written into
 * `scratch`, one buffer for every metric, sorted in place afterwards), or each request's samples.
 */
function valuesOf(metric: RecordMetric, input: ResultsInput, scratch: Float64Array): Float64Array {
  if (!metric.samples) return metricValues(input.metrics, metric.tag, scratch);
  const column = metricColumn(input.metrics, metric.tag);
  let any = false;
  for (let i = 0; i < column.length && !any; i++) any = !Number.isNaN(column[i] as number);
  // No request has the metric (inter-chunk latency of a non-streaming run): no pass over the records.
  return any ? samplesOf(metric, input, column) : new Float64Array(0);
}

/** The row's identity; `console: false` marks rows the summary table leaves out. */
function head(metric: MetricInfo): Pick<MetricResult, "tag" | "header" | "unit" | "console"> {
  return { tag: metric.tag, header: metric.header, unit: metric.unit, ...(metric.console === false ? { console: false as const } : {}) };
}

/** A record metric's row: count and exact statistics over the requests that have a value. */
function statsRow(metric: RecordMetric, input: ResultsInput, scratch: Float64Array): MetricResult | undefined {
  const values = valuesOf(metric, input, scratch);
  if (values.length === 0 && metric.omitWhenEmpty) return undefined;
  const s = summarizeInPlace(values);
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
    // One buffer for every record metric's values: each is summarized before the next is read.
    const scratch = new Float64Array(input.metrics.length);
    for (const metric of this.metrics) {
      const row = metric.kind === "record" ? statsRow(metric, input, scratch) : valueRow(metric, computed[metric.tag]);
      if (row) rows.push(row);
    }
    return rows;
  }
}
