import { type RecordMetric, type RequestRecord } from "aiperf";
import { isStreaming, nsToMs } from "./recordTimes.js";

/** Built-in `time_to_first_token` (AIPerf's): request sent to the first chunk carrying content or reasoning, in ms. Streaming only. */
export class TimeToFirstTokenMetric implements RecordMetric {
  readonly kind = "record";
  readonly tag = "time_to_first_token";
  readonly header = "Time to first token";
  readonly unit = "ms";
  readonly omitWhenEmpty = true;
  compute(record: RequestRecord): number | undefined {
    if (!isStreaming(record) || record.firstTokenNs === undefined) return undefined;
    return nsToMs(record.firstTokenNs - record.startNs);
  }
}
