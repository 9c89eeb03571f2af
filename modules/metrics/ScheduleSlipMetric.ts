import type { RecordMetric, RequestRecord } from "aiperf";

/** Built-in `schedule_slip`: how late a request went out against its schedule, in ms. */
export class ScheduleSlipMetric implements RecordMetric {
  readonly kind = "record";
  readonly tag = "schedule_slip";
  readonly header = "Schedule slip (sent late by)";
  readonly unit = "ms";
  // Only scheduled sends (request rate, trace replay) have a slip; an empty row under concurrency would be noise.
  readonly omitWhenEmpty = true;

  compute(record: RequestRecord): number | undefined {
    return record.scheduledNs === undefined ? undefined : (record.startNs - record.scheduledNs) / 1e6;
  }
}
