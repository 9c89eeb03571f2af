import path from "node:path";
import { type DataExporter, type ProfileResults, writeFileAtomic } from "aiperf";

/**
 * Built-in `records`: `profile_records.jsonl`, one line per profiling request with its raw
 * monotonic timestamps (ns, CLOCK_MONOTONIC: comparable with other processes on the machine).
 */
export class RecordsExporter implements DataExporter {
  async export(results: ProfileResults, dir: string): Promise<string[]> {
    const file = path.join(dir, "profile_records.jsonl");
    await writeFileAtomic(file, results.records.map((r) => JSON.stringify(r)).join("\n") + (results.records.length > 0 ? "\n" : ""));
    return [file];
  }
}
