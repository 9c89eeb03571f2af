import type { RequestRecord } from "./RequestRecord.js";

/**
 * A phase's records, read-only, in the order they finished. The profiler keeps them in columns
 * (a million records fit in tens of MB), so each record is built on demand: `at(i)` and iteration
 * return a fresh `RequestRecord` equal in value to the one recorded; changing it changes nothing
 * stored. Read each record once where you can (`for … of`), and keep what you need from it rather
 * than the record. A plain `RequestRecord[]` is a `RequestRecords` too (tests, hand-made results).
 * @public
 */
export interface RequestRecords extends Iterable<RequestRecord> {
  readonly length: number;
  /** The record at `index` (0-based), undefined outside `0 … length − 1`. */
  at(index: number): RequestRecord | undefined;
}
