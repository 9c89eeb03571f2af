import { defineProtocol } from "../../kernel/protocol/defineProtocol.js";
import type { RecordMetrics } from "../model/MetricResult.js";
import type { RequestRecord } from "../model/RequestRecord.js";

/**
 * Turns one request record into metric values.
 * @public
 */
export interface RecordProcessor {
  process(record: RequestRecord): RecordMetrics;
}

/** Computes per-request metrics from records */
export const RecordProcessor = defineProtocol<RecordProcessor>({
  name: "record_processor",
  cardinality: "many",
  members: ["process"],
  description: "Computes per-request metrics from records",
});
