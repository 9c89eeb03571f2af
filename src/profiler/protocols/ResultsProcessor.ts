import { defineProtocol } from "../../kernel/protocol/defineProtocol.js";
import type { MetricResult, RecordMetrics } from "../model/MetricResult.js";
import type { PhaseStats } from "../model/PhaseStats.js";
import type { RequestRecord } from "../model/RequestRecord.js";

/**
 * What a results processor summarizes.
 * @public
 */
export interface ResultsInput {
  records: readonly RequestRecord[];
  metrics: readonly RecordMetrics[];
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
