import type { RecordMetric, RecordMetrics, RequestRecord } from "aiperf";

/**
 * Output tokens per content chunk: 1 when the server streams token by token, more when it
 * batches. Inter-token latency is measured between chunks, so this says how to read it.
 * Derived from the built-in `output_sequence_length`, which `dependsOn` has computed first.
 */
export class TokensPerChunkMetric implements RecordMetric {
  readonly kind = "record";
  readonly tag = "tokens_per_chunk";
  readonly header = "Output tokens per chunk";
  readonly unit = "tokens";
  readonly dependsOn = ["output_sequence_length"];

  compute(record: RequestRecord, computed: Readonly<RecordMetrics>): number | undefined {
    const chunks = record.tokenNs.length;
    const tokens = computed.output_sequence_length;
    return chunks === 0 || tokens === undefined ? undefined : tokens / chunks;
  }
}
