import { type RecordMetric, type RecordMetrics, type RequestRecord } from "aiperf";

/** Built-in `prefill_throughput_per_user` (AIPerf's): input sequence length / TTFT, in tokens/s. Streaming only. */
export class PrefillThroughputPerUserMetric implements RecordMetric {
  readonly kind = "record";
  readonly tag = "prefill_throughput_per_user";
  readonly header = "Prefill throughput per user";
  readonly unit = "tokens/s/user";
  readonly omitWhenEmpty = true;
  readonly largerIsBetter = true;
  readonly console = false;
  readonly dependsOn = ["input_sequence_length", "time_to_first_token"];
  compute(_record: RequestRecord, computed: Readonly<RecordMetrics>): number | undefined {
    const ttft = computed.time_to_first_token;
    const isl = computed.input_sequence_length;
    return ttft === undefined || isl === undefined || ttft <= 0 ? undefined : isl / (ttft / 1000);
  }
}
