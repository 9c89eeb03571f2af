import path from "node:path";
import { type DataExporter, type MetricResult, type ProfileResults, writeFileAtomic } from "aiperf";

const COLUMNS = ["avg", "min", "max", "std", "p50", "p90", "p95", "p99"] as const;

function cell(value: string | number | undefined): string {
  if (value === undefined) return "";
  if (typeof value === "number") return Number.isInteger(value) ? String(value) : value.toFixed(4);
  return /[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Built-in `csv`: `profile_export.csv`, one row per metric. */
export class CsvExporter implements DataExporter {
  async export(results: ProfileResults, dir: string): Promise<string[]> {
    const file = path.join(dir, "profile_export.csv");
    const lines = [["metric", "header", "unit", "count", ...COLUMNS].join(",")];
    for (const m of results.metrics)
      lines.push([m.tag, m.header, m.unit, m.count, ...COLUMNS.map((c) => m[c as keyof MetricResult] as number | undefined)].map(cell).join(","));
    await writeFileAtomic(file, `${lines.join("\n")}\n`);
    return [file];
  }
}
