import path from "node:path";
import { type DataExporter, type ProfileResults, recordsJsonl } from "aiperf";
import { writeLinesAtomic } from "./writeLinesAtomic.js";

/**
 * Built-in `records`: `profile_records.jsonl`, one line per profiling request with its raw
 * monotonic timestamps (ns, CLOCK_MONOTONIC: comparable with other processes on the machine).
 * Streamed to disk in pieces of about 1 MB written straight from the record columns (a run of
 * millions of records never becomes one string nor a million objects), into a temp file renamed
 * at the end, so readers never see half a file.
 */
export class RecordsExporter implements DataExporter {
  async export(results: ProfileResults, dir: string): Promise<string[]> {
    const file = path.join(dir, "profile_records.jsonl");
    await writeLinesAtomic(file, recordsJsonl(results.records));
    return [file];
  }
}
