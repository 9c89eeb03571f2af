import path from "node:path";
import { type DataExporter, type ProfileResults, writeFileAtomic } from "aiperf";

/** Built-in `json`: `profile_export.json` (config with secrets masked, phases, metrics with every statistic, thresholds, errors, hook failures). */
export class JsonExporter implements DataExporter {
  async export(results: ProfileResults, dir: string): Promise<string[]> {
    const file = path.join(dir, "profile_export.json");
    const { records, metrics, ...rest } = results;
    // `console` only steers the summary table.
    const rows = metrics.map(({ console: _console, ...row }) => row);
    await writeFileAtomic(file, `${JSON.stringify({ ...rest, metrics: rows, request_count: records.length }, null, 2)}\n`);
    return [file];
  }
}
