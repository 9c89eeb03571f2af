import { metricColumn, type RecordMetricsList, type RequestRecord } from "aiperf";

/** Requests that neither failed nor were cancelled: the ones with record metrics. */
export function isValid(record: RequestRecord): boolean {
  return record.error === undefined && !record.cancelled;
}

/** Sum of a record metric over the phase's requests (those that have it), in record order. */
export function sumOf(metrics: RecordMetricsList, tag: string): number {
  const column = metricColumn(metrics, tag);
  let total = 0;
  for (let i = 0; i < column.length; i++) {
    const v = column[i] as number;
    if (!Number.isNaN(v)) total += v;
  }
  return total;
}

/** True when at least one request has a value of `tag`. */
export function anyOf(metrics: RecordMetricsList, tag: string): boolean {
  const column = metricColumn(metrics, tag);
  for (let i = 0; i < column.length; i++) if (!Number.isNaN(column[i] as number)) return true;
  return false;
}
