import { type RecordMetric, type RequestRecord } from "aiperf";

/** Built-in `usage_completion_tokens` (AIPerf's): the server's `usage.completion_tokens` (reasoning included), when it sent one. */
export class UsageCompletionTokensMetric implements RecordMetric {
  readonly kind = "record";
  readonly tag = "usage_completion_tokens";
  readonly header = "Usage completion tokens";
  readonly unit = "tokens";
  readonly omitWhenEmpty = true;
  readonly console = false;
  compute(record: RequestRecord): number | undefined {
    return record.usage?.completionTokens;
  }
}
