import { type RecordMetric, type RequestRecord } from "aiperf";
import { isStreaming, nsToMs } from "./recordTimes.js";

/** Built-in `time_to_second_token` (AIPerf's): first to second content-or-reasoning chunk, in ms. Streaming only. */
export class TimeToSecondTokenMetric implements RecordMetric {
  readonly kind = "record";
  readonly tag = "time_to_second_token";
  readonly header = "Time to second token";
  readonly unit = "ms";
  readonly omitWhenEmpty = true;
  readonly console = false;
  compute(record: RequestRecord): number | undefined {
    const [first, second] = record.tokenNs;
    if (!isStreaming(record) || first === undefined || second === undefined) return undefined;
    return nsToMs(second - first);
  }
}
