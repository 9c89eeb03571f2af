import type { RequestRecord } from "aiperf";

/** Requests that neither failed nor were cancelled: the ones with record metrics. */
export function isValid(record: RequestRecord): boolean {
  return record.error === undefined && !record.cancelled;
}

/** Sum of a record metric over the phase's requests (those that have it). */
export function sumOf(metrics: readonly Readonly<Record<string, number | undefined>>[], tag: string): number {
  let total = 0;
  for (const m of metrics) total += m[tag] ?? 0;
  return total;
}
