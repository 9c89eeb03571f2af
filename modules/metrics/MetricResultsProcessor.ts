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
  type Summary,
  summarizeInPlace,
  summarizeScaledInPlace,
  TwoPassSummary,
} from "aiperf";

/** The largest whole number of nanoseconds kept in a Uint32Array (4.29 s). */
const MAX_U32 = 0xffffffff;

/** `v` as whole nanoseconds of a millisecond value when `v` is exactly that (`ns / 1e6 === v`) and fits 32 bits; else -1. */
function wholeNs(v: number): number {
  const ns = Math.round(v * 1e6);
  return ns >= 0 && ns <= MAX_U32 && ns / 1e6 === v && !Object.is(v, -0) ? ns : -1;
}

/**
 * The summary of each request's samples of `metric`, over the requests that have its value (the
 * successful ones), in two passes over the records. Milliseconds that are whole nanoseconds
 * below 4.29 s (gaps between arrival times) are counted as 32-bit integers: millions of them
 * (a million streamed requests have tens of millions of gaps) are summarized from counts
 * (TwoPassSummary), fewer from an array of them; other samples are gathered as doubles in one
 * array sized by the first pass (gathering in blocks and joining would hold them twice).
 */
function samplesSummary(metric: RecordMetric, input: ResultsInput, column: ArrayLike<number>): Summary | undefined {
  const samples = metric.samples as NonNullable<RecordMetric["samples"]>;
  const each = (visit: (v: number) => void) => {
    let i = 0;
    for (const record of input.records) {
      if (Number.isNaN(column[i++] as number)) continue;
      for (const v of samples(record) ?? []) visit(v);
    }
  };
  const counts = new TwoPassSummary(1e6);
  let count = 0;
  let whole = true;
  each((v) => {
    count++;
    const ns = whole ? wholeNs(v) : -1;
    if (ns < 0) whole = false;
    else counts.first(ns);
  });
  if (whole && count >= TwoPassSummary.worthFrom) {
    counts.startSecond();
    each((v) => counts.second(wholeNs(v)));
    return counts.result();
  }
  const all = whole ? new Uint32Array(count) : new Float64Array(count);
  let at = 0;
  each((v) => {
    if (at < count) all[at++] = whole ? wholeNs(v) : v;
  });
  return all instanceof Uint32Array ? summarizeScaledInPlace(all.subarray(0, at), 1e6) : summarizeInPlace(all.subarray(0, at));
}

/**
 * The summary of a record metric: over each request's value (written into `scratch`, one buffer
 * for every metric, sorted in place), or over each request's samples.
 */
function summaryOf(metric: RecordMetric, input: ResultsInput, scratch: Float64Array): Summary | undefined {
  if (!metric.samples) return summarizeInPlace(metricValues(input.metrics, metric.tag, scratch));
  const column = metricColumn(input.metrics, metric.tag);
  let any = false;
  for (let i = 0; i < column.length && !any; i++) any = !Number.isNaN(column[i] as number);
  // No request has the metric (inter-chunk latency of a non-streaming run): no pass over the records.
  return any ? samplesSummary(metric, input, column) : undefined;
}

/** The row's identity; `console: false` marks rows the summary table leaves out. */
function head(metric: MetricInfo): Pick<MetricResult, "tag" | "header" | "unit" | "console"> {
  return { tag: metric.tag, header: metric.header, unit: metric.unit, ...(metric.console === false ? { console: false as const } : {}) };
}

/** A record metric's row: count and exact statistics over the requests that have a value. */
function statsRow(metric: RecordMetric, input: ResultsInput, scratch: Float64Array): MetricResult | undefined {
  const s = summaryOf(metric, input, scratch);
  if (s === undefined && metric.omitWhenEmpty) return undefined;
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
