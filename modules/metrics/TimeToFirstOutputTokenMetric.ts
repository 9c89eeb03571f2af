import { type RecordMetric, type RequestRecord } from "aiperf";
import { isStreaming, nsToMs } from "./recordTimes.js";

/** Built-in `time_to_first_output_token` (AIPerf's): request sent to the first chunk with (non-reasoning) content, in ms; equals TTFT for a model that does not reason. Streaming only. */
export class TimeToFirstOutputTokenMetric implements RecordMetric {
  readonly kind = "record";
  readonly tag = "time_to_first_output_token";
  readonly header = "Time to first output token";
  readonly unit = "ms";
  readonly omitWhenEmpty = true;
  compute(record: RequestRecord): number | undefined {
    if (!isStreaming(record) || record.firstContentNs === undefined) return undefined;
    return nsToMs(record.firstContentNs - record.startNs);
  }
}
