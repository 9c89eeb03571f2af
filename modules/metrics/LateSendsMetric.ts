import { type AggregateMetric, type AggregateMetricInput, inject, LOADED_CONFIG, type LoadedConfig } from "aiperf";
import { wasWritten } from "./recordTimes.js";
import { recordTotals } from "./recordTotals.js";
import { scheduleSettings } from "./scheduleSettings.js";

/**
 * Built-in `late_sends`: scheduled requests (request rate, trace replay) written to the socket
 * more than `timing.late_tolerance_ms` after their scheduled time, whatever held them (the
 * schedule's loop, the client's queue for a free connection). How late they went out is the
 * `schedule_slip` row, measured the same way.
 */
export class LateSendsMetric implements AggregateMetric {
  readonly kind = "aggregate";
  readonly tag = "late_sends";
  readonly header = "Late sends";
  readonly unit = "requests";
  private readonly toleranceNs: number;

  constructor(@inject(LOADED_CONFIG) loaded: LoadedConfig) {
    this.toleranceNs = scheduleSettings(loaded).toleranceMs * 1e6;
  }

  compute({ records }: AggregateMetricInput): number | undefined {
    // Without a fixed schedule no record has scheduledNs: no second pass over the records.
    if (recordTotals(records).scheduled === 0) return undefined;
    let scheduled = 0;
    let late = 0;
    for (const r of records) {
      if (r.scheduledNs === undefined) continue;
      scheduled++;
      // One that never reached the socket (cancelled in the client's queue) was later than any.
      if (!wasWritten(r) || r.startNs - r.scheduledNs > this.toleranceNs) late++;
    }
    return scheduled === 0 ? undefined : late;
  }
}
