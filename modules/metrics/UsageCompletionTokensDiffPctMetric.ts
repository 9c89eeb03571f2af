import { type RecordMetric, type RecordMetrics, type RequestRecord } from "aiperf";
import { diffPct } from "./diffPct.js";

/** Built-in `usage_completion_tokens_diff_pct` (AIPerf's): |server − client| / client × 100 for completion tokens vs output sequence length (both with reasoning). */
export class UsageCompletionTokensDiffPctMetric implements RecordMetric {
  readonly kind = "record";
  readonly tag = "usage_completion_tokens_diff_pct";
  readonly header = "Usage completion diff";
  readonly unit = "%";
  readonly omitWhenEmpty = true;
  readonly console = false;
  readonly dependsOn = ["usage_completion_tokens", "output_sequence_length"];
  compute(_record: RequestRecord, computed: Readonly<RecordMetrics>): number | undefined {
    return diffPct(computed.usage_completion_tokens, computed.output_sequence_length);
  }
}
