import type { RecordMetric, RequestRecord } from "aiperf";

/** Built-in `output_sequence_length`: `usage.completion_tokens`, else the counted content chunks. */
export class OutputSequenceLengthMetric implements RecordMetric {
  readonly kind = "record";
  readonly tag = "output_sequence_length";
  readonly header = "Output tokens per request";
  readonly unit = "tokens";

  compute(record: RequestRecord): number {
    return record.outputTokens;
  }
}
