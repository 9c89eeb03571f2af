import type { RecordMetric, RequestRecord } from "aiperf";

/**
 * Built-in `requested_output_sequence_length`: the output length a request asked for
 * (`max_tokens`), next to `output_sequence_length` so a server that stops early (or ignores
 * `ignore_eos`) shows; no row when no request asked for a length.
 */
export class RequestedOutputSequenceLengthMetric implements RecordMetric {
  readonly kind = "record";
  readonly tag = "requested_output_sequence_length";
  readonly header = "Requested output tokens";
  readonly unit = "tokens";
  readonly omitWhenEmpty = true;
  readonly console = false;
  compute(record: RequestRecord): number | undefined {
    return record.requestedOutputTokens;
  }
}
