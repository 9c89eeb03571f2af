import type { RecordMetrics, RecordProcessor, RequestRecord } from "aiperf";

/**
 * Built-in `metric_record`: per-request metrics of successful requests, in ms and tokens.
 * Inter-token latency is the mean gap between content chunks: (last − first) / (chunks − 1).
 */
export class MetricRecordProcessor implements RecordProcessor {
  process(record: RequestRecord): RecordMetrics {
    if (record.error !== undefined || record.cancelled) return {};
    const metrics: RecordMetrics = {
      request_latency: (record.endNs - record.startNs) / 1e6,
      output_sequence_length: record.outputTokens,
      input_sequence_length: record.inputTokens,
    };
    if (record.firstTokenNs !== undefined) metrics.time_to_first_token = (record.firstTokenNs - record.startNs) / 1e6;
    if (record.scheduledNs !== undefined) metrics.schedule_slip = (record.startNs - record.scheduledNs) / 1e6;
    const n = record.tokenNs.length;
    if (n >= 2) metrics.inter_token_latency = ((record.tokenNs[n - 1] as number) - (record.tokenNs[0] as number)) / (n - 1) / 1e6;
    return metrics;
  }
}
