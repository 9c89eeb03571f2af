import { type RecordMetric, type RequestRecord } from "aiperf";

/** Built-in `output_token_count` (AIPerf's): content tokens of the response, reasoning excluded. */
export class OutputTokenCountMetric implements RecordMetric {
  readonly kind = "record";
  readonly tag = "output_token_count";
  readonly header = "Output token count";
  readonly unit = "tokens";
  readonly console = false;
  compute(record: RequestRecord): number {
    return record.outputTokens;
  }
}
