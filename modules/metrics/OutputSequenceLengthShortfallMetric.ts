import type { RecordMetric, RecordMetrics, RequestRecord } from "aiperf";

/**
 * Built-in `output_sequence_length_shortfall`: requested minus actual output tokens (0 when the
 * server produced what was asked, negative when it produced more); no row when no request asked
 * for a length.
 */
export class OutputSequenceLengthShortfallMetric implements RecordMetric {
  readonly kind = "record";
  readonly tag = "output_sequence_length_shortfall";
  readonly header = "Output tokens short of requested";
  readonly unit = "tokens";
  readonly omitWhenEmpty = true;
  readonly console = false;
  readonly dependsOn = ["output_sequence_length"];
  compute(record: RequestRecord, computed: Readonly<RecordMetrics>): number | undefined {
    const actual = computed.output_sequence_length;
    return record.requestedOutputTokens === undefined || actual === undefined ? undefined : record.requestedOutputTokens - actual;
  }
}
