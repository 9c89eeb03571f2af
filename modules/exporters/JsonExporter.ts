import path from "node:path";
import { type DataExporter, type ProfileResults, writeFileAtomic } from "aiperf";

/** Built-in `json`: `profile_export.json` (config with secrets masked, phases, metrics, errors, hook failures). */
export class JsonExporter implements DataExporter {
  async export(results: ProfileResults, dir: string): Promise<string[]> {
    const file = path.join(dir, "profile_export.json");
    const { records, ...rest } = results;
    await writeFileAtomic(file, `${JSON.stringify({ ...rest, request_count: records.length }, null, 2)}\n`);
    return [file];
  }
}
