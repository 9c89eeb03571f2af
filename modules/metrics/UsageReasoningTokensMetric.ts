import { type RecordMetric, type RequestRecord } from "aiperf";

/** Built-in `usage_reasoning_tokens` (AIPerf's): the server's `usage.completion_tokens_details.reasoning_tokens`, when it sent one. */
export class UsageReasoningTokensMetric implements RecordMetric {
  readonly kind = "record";
  readonly tag = "usage_reasoning_tokens";
  readonly header = "Usage reasoning tokens";
  readonly unit = "tokens";
  readonly omitWhenEmpty = true;
  readonly console = false;
  compute(record: RequestRecord): number | undefined {
    return record.usage?.reasoningTokens;
  }
}
