import { type RecordMetric, type RecordMetrics, type RequestRecord } from "aiperf";

/** Built-in `inter_token_latency` (AIPerf's): (request latency − TTFT) / (output sequence length − 1), in ms per token; needs at least 2 output tokens. Streaming only (it needs TTFT). */
export class InterTokenLatencyMetric implements RecordMetric {
  readonly kind = "record";
  readonly tag = "inter_token_latency";
  readonly header = "Inter-token latency";
  readonly unit = "ms";
  readonly omitWhenEmpty = true;
  readonly dependsOn = ["request_latency", "time_to_first_token", "output_sequence_length"];
  compute(_record: RequestRecord, computed: Readonly<RecordMetrics>): number | undefined {
    const latency = computed.request_latency;
    const ttft = computed.time_to_first_token;
    const osl = computed.output_sequence_length;
    if (latency === undefined || ttft === undefined || osl === undefined || osl < 2) return undefined;
    return (latency - ttft) / (osl - 1);
  }
}
