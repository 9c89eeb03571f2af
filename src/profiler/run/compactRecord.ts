import type { RequestRecord } from "../model/RequestRecord.js";

/**
 * Trims what a finished record keeps for the rest of the run: an array grown by `push` holds
 * spare capacity (17 slots for one element, up to half again for long streams), which a run of a
 * million records would carry to the end. Same shape and values; returns the record.
 */
export function compactRecord(record: RequestRecord): RequestRecord {
  if (record.tokenNs.length > 0) record.tokenNs = record.tokenNs.slice();
  return record;
}
