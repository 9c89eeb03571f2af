import { type RecordMetric, type RequestRecord } from "aiperf";

/** Built-in `reasoning_token_count` (AIPerf's): reasoning tokens of the response; no row when no response reasoned. */
export class ReasoningTokenCountMetric implements RecordMetric {
  readonly kind = "record";
  readonly tag = "reasoning_token_count";
  readonly header = "Reasoning token count";
  readonly unit = "tokens";
  readonly omitWhenEmpty = true;
  compute(record: RequestRecord): number | undefined {
    return record.reasoningTokens;
  }
}
