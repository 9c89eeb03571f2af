import { type RecordMetric, type RequestRecord } from "aiperf";
import { isStreaming, nsToMs } from "./recordTimes.js";

/** Built-in `inter_chunk_latency` (AIPerf's): every gap between consecutive content-or-reasoning chunks, in ms; its statistics are over all gaps of all requests (a request's own value is its mean gap). Streaming only. */
export class InterChunkLatencyMetric implements RecordMetric {
  readonly kind = "record";
  readonly tag = "inter_chunk_latency";
  readonly header = "Inter-chunk latency";
  readonly unit = "ms";
  readonly omitWhenEmpty = true;
  readonly console = false;
  samples(record: RequestRecord): number[] | undefined {
    const t = record.tokenNs;
    if (!isStreaming(record) || t.length < 2) return undefined;
    const gaps: number[] = [];
    for (let i = 1; i < t.length; i++) gaps.push(nsToMs((t[i] as number) - (t[i - 1] as number)));
    return gaps;
  }

  compute(record: RequestRecord): number | undefined {
    const gaps = this.samples(record);
    return gaps === undefined ? undefined : gaps.reduce((a, b) => a + b, 0) / gaps.length;
  }
}
