import { type RecordMetric, type RequestRecord } from "aiperf";

/** Built-in `input_sequence_length`: the prompt's tokens (the tokenizer's, or the server's `usage.prompt_tokens` when the counts are the server's). */
export class InputSequenceLengthMetric implements RecordMetric {
  readonly kind = "record";
  readonly tag = "input_sequence_length";
  readonly header = "Input tokens per request";
  readonly unit = "tokens";

  compute(record: RequestRecord): number {
    return record.inputTokens;
  }
}
