import type { RecordMetric, RequestRecord } from "aiperf";

/**
 * Built-in `inter_token_latency`: the mean gap between content chunks, (last − first) / (chunks − 1),
 * in ms. A single chunk has no gap, so no value.
 */
export class InterTokenLatencyMetric implements RecordMetric {
  readonly kind = "record";
  readonly tag = "inter_token_latency";
  readonly header = "Inter-token latency";
  readonly unit = "ms";

  compute(record: RequestRecord): number | undefined {
    const n = record.tokenNs.length;
    if (n < 2) return undefined;
    return ((record.tokenNs[n - 1] as number) - (record.tokenNs[0] as number)) / (n - 1) / 1e6;
  }
}
