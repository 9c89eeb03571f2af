import { type RecordMetric, type RecordMetrics, type RequestRecord } from "aiperf";

/** Built-in `output_token_throughput_per_user` (AIPerf's): 1 / inter-token latency, in tokens/s. Streaming only. */
export class OutputTokenThroughputPerUserMetric implements RecordMetric {
  readonly kind = "record";
  readonly tag = "output_token_throughput_per_user";
  readonly header = "Output token throughput per user";
  readonly unit = "tokens/s/user";
  readonly omitWhenEmpty = true;
  readonly largerIsBetter = true;
  readonly dependsOn = ["inter_token_latency"];
  compute(_record: RequestRecord, computed: Readonly<RecordMetrics>): number | undefined {
    const itl = computed.inter_token_latency;
    return itl === undefined || itl <= 0 ? undefined : 1000 / itl;
  }
}
