import type { RequestRecords } from "aiperf";
import { lastResponseNs, wasWritten } from "./recordTimes.js";
import { isValid } from "./validRecords.js";

/** What the record-reading aggregate metrics take from a phase's records. */
export interface RecordTotals {
  /** Successful requests. */
  ok: number;
  /** Failed requests (a cancelled request is not an error). */
  errors: number;
  /** When the first successful request was sent. */
  minValidStartNs: number | undefined;
  /** When the last successful request's last response arrived. */
  maxValidResponseNs: number | undefined;
  /** Requests written to the socket (not those cancelled or failed while still in the client's queue). */
  written: number;
  /** Earliest and latest socket write (`startNs`) over the written requests. */
  firstSendNs: number;
  lastSendNs: number;
  /** Records with a `scheduledNs`. */
  scheduled: number;
  /** The most requests in flight (issued, not yet ended) when one was issued; undefined when no record says. */
  maxInFlight: number | undefined;
}

const cache = new WeakMap<RequestRecords, { length: number; totals: RecordTotals }>();

/**
 * One pass over the records for every built-in aggregate metric that reads them (counts, first
 * and last timestamps, achieved rate): records are built as they are read, so five metrics each
 * reading a million records would build five million. Kept per records object (and length).
 */
export function recordTotals(records: RequestRecords): RecordTotals {
  const hit = cache.get(records);
  if (hit !== undefined && hit.length === records.length) return hit.totals;
  const totals: RecordTotals = {
    ok: 0,
    errors: 0,
    minValidStartNs: undefined,
    maxValidResponseNs: undefined,
    firstSendNs: Number.POSITIVE_INFINITY,
    lastSendNs: Number.NEGATIVE_INFINITY,
    scheduled: 0,
    written: 0,
    maxInFlight: undefined,
  };
  for (const r of records) {
    // Sent means written to the socket: a request that never left the client's queue was not sent.
    if (wasWritten(r)) {
      totals.written++;
      if (r.startNs < totals.firstSendNs) totals.firstSendNs = r.startNs;
      if (r.startNs > totals.lastSendNs) totals.lastSendNs = r.startNs;
    }
    if (r.scheduledNs !== undefined) totals.scheduled++;
    if (r.inFlightAtStart !== undefined && !(r.inFlightAtStart <= (totals.maxInFlight ?? 0))) totals.maxInFlight = r.inFlightAtStart;
    if (r.error !== undefined && !r.cancelled) totals.errors++;
    if (!isValid(r)) continue;
    totals.ok++;
    if (totals.minValidStartNs === undefined || r.startNs < totals.minValidStartNs) totals.minValidStartNs = r.startNs;
    const last = lastResponseNs(r);
    if (totals.maxValidResponseNs === undefined || last > totals.maxValidResponseNs) totals.maxValidResponseNs = last;
  }
  cache.set(records, { length: records.length, totals });
  return totals;
}
