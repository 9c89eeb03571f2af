import { type RecordMetric, type RequestRecord } from "aiperf";
import { outputSequenceLength } from "./recordTimes.js";

/** Built-in `output_sequence_length` (AIPerf's): output tokens plus reasoning tokens, counted as `tokenCountSource` says. */
export class OutputSequenceLengthMetric implements RecordMetric {
  readonly kind = "record";
  readonly tag = "output_sequence_length";
  readonly header = "Output tokens per request";
  readonly unit = "tokens";
  readonly largerIsBetter = true;
  compute(record: RequestRecord): number {
    return outputSequenceLength(record);
  }
}
