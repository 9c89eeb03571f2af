import { type RecordMetric, type RequestRecord } from "aiperf";
import { lastResponseNs, nsToMs } from "./recordTimes.js";

/** Built-in `request_latency` (AIPerf's): request sent to the last content or reasoning response, in ms (the body's end for non-streaming responses). */
export class RequestLatencyMetric implements RecordMetric {
  readonly kind = "record";
  readonly tag = "request_latency";
  readonly header = "Request latency";
  readonly unit = "ms";

  compute(record: RequestRecord): number {
    return nsToMs(lastResponseNs(record) - record.startNs);
  }
}
