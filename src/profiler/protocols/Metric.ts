import { defineProtocol } from "../../kernel/protocol/defineProtocol.js";
import type { RecordMetrics } from "../model/MetricResult.js";
import type { RequestRecord } from "../model/RequestRecord.js";
import type { ResultsInput } from "./ResultsProcessor.js";

/**
 * What every metric declares: the row it becomes in the summary table and the exports.
 * @public
 */
export interface MetricInfo {
  /** Stable key: the `metric` column of the CSV, `tag` in the JSON, the key other metrics depend on. */
  readonly tag: string;
  /** Display name in the summary table. */
  readonly header: string;
  /** Unit shown after the header (`ms`, `tokens`, `requests/s`). */
  readonly unit: string;
  /**
   * Tags of the metrics this one reads from `computed`; they are computed first. A record metric
   * may depend on record metrics only; an aggregate metric on either kind.
   */
  readonly dependsOn?: readonly string[];
  /** True when a larger value is better (a throughput): goodput SLOs then mean "at least". */
  readonly largerIsBetter?: boolean;
  /** False: exported, but not a row of the summary table (AIPerf's totals, timestamps, usage counts). */
  readonly console?: boolean;
}

/**
 * A metric with one value per request, summarized over the phase as count, sum, avg, min, max,
 * std and p1/p5/p10/p25/p50/p75/p90/p95/p99.
 * @public
 */
export interface RecordMetric extends MetricInfo {
  readonly kind: "record";
  /** True: no row at all when no request has a value (instead of a row with count 0). */
  readonly omitWhenEmpty?: boolean;
  /**
   * The value for one successful request (failed and cancelled requests have no record
   * metrics), or undefined when it has none (NaN counts as none: per-request values are kept
   * as columns of numbers where NaN marks "no value"). `computed` holds this request's values of the
   * metrics computed so far, `dependsOn` among them.
   */
  compute(record: RequestRecord, computed: Readonly<RecordMetrics>): number | undefined;
  /**
   * For a metric whose per-request value is a list (AIPerf's inter_chunk_latency: every gap
   * between chunks): the request's values. The phase's statistics are then taken over every
   * request's values together; `compute` still gives the one per-request number (their mean).
   */
  samples?(record: RequestRecord): readonly number[] | undefined;
}

/**
 * What an aggregate metric is computed from: the phase's records (failed and cancelled
 * included), each record's metrics (same order), the phase stats, and the aggregate values
 * computed so far (`dependsOn` among them).
 * @public
 */
export interface AggregateMetricInput extends ResultsInput {
  readonly computed: Readonly<RecordMetrics>;
  /** Every enabled metric's declaration by tag (a goodput SLO needs its metric's direction). */
  readonly definitions?: ReadonlyMap<string, MetricInfo>;
}

/**
 * A metric with one value for the whole phase (a throughput, a count).
 * @public
 */
export interface AggregateMetric extends MetricInfo {
  readonly kind: "aggregate";
  /** The phase's value, or undefined for no row (say, a rate over a zero duration). */
  compute(input: AggregateMetricInput): number | undefined;
}

/**
 * One metric: a row of the summary table, profile_export.json and profile_export.csv.
 * @public
 */
export type Metric = RecordMetric | AggregateMetric;

/**
 * Metrics, each a contribution: the built-in `metric_record` and `metric_results` processors
 * multi-inject every enabled one, so a plugin's metric reaches every export by being registered.
 * @public
 */
export const Metric = defineProtocol<Metric>({
  name: "metric",
  cardinality: "many",
  members: ["compute"],
  description: "One metric: computed per request or over the phase, summarized into the results",
});
