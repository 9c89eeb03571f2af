import { defineProtocol } from "../../kernel/protocol/defineProtocol.js";
import type { MetricResult } from "../model/MetricResult.js";
import type { PhaseStats } from "../model/PhaseStats.js";
import type { RecordMetricsList } from "../model/RecordMetricsList.js";
import type { RequestRecords } from "../model/RequestRecords.js";

/**
 * What a results processor summarizes.
 * @public
 */
export interface ResultsInput {
  /** The phase's records (failed and cancelled included), built one at a time as they are read. */
  records: RequestRecords;
  /** Each record's metrics, same order: read a whole metric with `metricColumn(metrics, tag)`. */
  metrics: RecordMetricsList;
  stats: PhaseStats;
}

/**
 * Aggregates per-request metrics into statistics.
 * @public
 */
export interface ResultsProcessor {
  summarize(input: ResultsInput): MetricResult[];
}

/** Summarizes a phase's metrics */
export const ResultsProcessor = defineProtocol<ResultsProcessor>({
  name: "results_processor",
  cardinality: "many",
  members: ["summarize"],
  description: "Summarizes a phase's metrics",
});
