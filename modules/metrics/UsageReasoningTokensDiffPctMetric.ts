import { type RecordMetric, type RecordMetrics, type RequestRecord } from "aiperf";
import { diffPct } from "./diffPct.js";

/** Built-in `usage_reasoning_tokens_diff_pct` (AIPerf's): |server − client| / client × 100 for reasoning tokens vs reasoning token count. */
export class UsageReasoningTokensDiffPctMetric implements RecordMetric {
  readonly kind = "record";
  readonly tag = "usage_reasoning_tokens_diff_pct";
  readonly header = "Usage reasoning diff";
  readonly unit = "%";
  readonly omitWhenEmpty = true;
  readonly console = false;
  readonly dependsOn = ["usage_reasoning_tokens", "reasoning_token_count"];
  compute(_record: RequestRecord, computed: Readonly<RecordMetrics>): number | undefined {
    return diffPct(computed.usage_reasoning_tokens, computed.reasoning_token_count);
  }
}
