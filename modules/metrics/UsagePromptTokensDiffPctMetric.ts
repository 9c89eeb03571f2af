import { type RecordMetric, type RecordMetrics, type RequestRecord } from "aiperf";
import { diffPct } from "./diffPct.js";

/** Built-in `usage_prompt_tokens_diff_pct` (AIPerf's): |server − client| / client × 100 for prompt tokens vs input sequence length. */
export class UsagePromptTokensDiffPctMetric implements RecordMetric {
  readonly kind = "record";
  readonly tag = "usage_prompt_tokens_diff_pct";
  readonly header = "Usage prompt diff";
  readonly unit = "%";
  readonly omitWhenEmpty = true;
  readonly console = false;
  readonly dependsOn = ["usage_prompt_tokens", "input_sequence_length"];
  compute(_record: RequestRecord, computed: Readonly<RecordMetrics>): number | undefined {
    return diffPct(computed.usage_prompt_tokens, computed.input_sequence_length);
  }
}
