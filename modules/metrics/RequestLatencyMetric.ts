import type { RecordMetric, RequestRecord } from "aiperf";

/** Built-in `request_latency`: send to last byte of the response, in ms. */
export class RequestLatencyMetric implements RecordMetric {
  readonly kind = "record";
  readonly tag = "request_latency";
  readonly header = "Request latency";
  readonly unit = "ms";

  compute(record: RequestRecord): number {
    return (record.endNs - record.startNs) / 1e6;
  }
}
