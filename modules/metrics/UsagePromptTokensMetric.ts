import { type RecordMetric, type RequestRecord } from "aiperf";

/** Built-in `usage_prompt_tokens` (AIPerf's): the server's `usage.prompt_tokens`, when it sent one. */
export class UsagePromptTokensMetric implements RecordMetric {
  readonly kind = "record";
  readonly tag = "usage_prompt_tokens";
  readonly header = "Usage prompt tokens";
  readonly unit = "tokens";
  readonly omitWhenEmpty = true;
  readonly console = false;
  compute(record: RequestRecord): number | undefined {
    return record.usage?.promptTokens;
  }
}
