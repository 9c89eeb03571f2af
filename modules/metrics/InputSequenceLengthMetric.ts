import type { RecordMetric, RequestRecord } from "aiperf";

/** Built-in `input_sequence_length`: the prompt's tokens (the server's `usage.prompt_tokens` when it sends them). */
export class InputSequenceLengthMetric implements RecordMetric {
  readonly kind = "record";
  readonly tag = "input_sequence_length";
  readonly header = "Input tokens per request";
  readonly unit = "tokens";

  compute(record: RequestRecord): number {
    return record.inputTokens;
  }
}
