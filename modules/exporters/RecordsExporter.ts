import path from "node:path";
import type { DataExporter, ProfileResults, RequestRecords } from "aiperf";
import { writeLinesAtomic } from "./writeLinesAtomic.js";

/** Lines are joined into chunks of about this many characters before each write. */
const CHUNK_CHARS = 1 << 20;

/**
 * Built-in `records`: `profile_records.jsonl`, one line per profiling request with its raw
 * monotonic timestamps (ns, CLOCK_MONOTONIC: comparable with other processes on the machine).
 * Streamed to disk in chunks (a run of millions of records never becomes one string), into a
 * temp file renamed at the end, so readers never see half a file.
 */
export class RecordsExporter implements DataExporter {
  async export(results: ProfileResults, dir: string): Promise<string[]> {
    const file = path.join(dir, "profile_records.jsonl");
    await writeLinesAtomic(file, chunksOf(results.records));
    return [file];
  }
}

/** One JSON line per record, yielded in chunks of about CHUNK_CHARS (fewer, larger writes). */
function* chunksOf(records: RequestRecords): Generator<string> {
  let chunk = "";
  for (const record of records) {
    chunk += `${JSON.stringify(record)}\n`;
    if (chunk.length >= CHUNK_CHARS) {
      yield chunk;
      chunk = "";
    }
  }
  if (chunk.length > 0) yield chunk;
}
