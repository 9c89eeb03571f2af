import type { RecordMetric, RequestRecord } from "aiperf";

/** Built-in `time_to_first_token`: send to the first content chunk, in ms (none without content). */
export class TimeToFirstTokenMetric implements RecordMetric {
  readonly kind = "record";
  readonly tag = "time_to_first_token";
  readonly header = "Time to first token";
  readonly unit = "ms";

  compute(record: RequestRecord): number | undefined {
    return record.firstTokenNs === undefined ? undefined : (record.firstTokenNs - record.startNs) / 1e6;
  }
}
