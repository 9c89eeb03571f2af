import path from "node:path";
import type { DataExporter, MetricResult, ProfileResults } from "aiperf";
import { AIPERF_CSV_STATS, aiperfName, isDistribution } from "./aiperfNames.js";
import { writeLinesAtomic } from "./writeLinesAtomic.js";

function cell(value: string | number | undefined): string {
  if (value === undefined) return "";
  if (typeof value === "number") return Number.isInteger(value) ? String(value) : value.toFixed(2);
  return /[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** `Request Latency (ms)`: AIPerf's header with its unit. */
function label(m: MetricResult): string {
  const name = aiperfName(m);
  return `${name.header} (${name.unit})`;
}

function* lines(results: ProfileResults): Generator<string> {
  const distributions = results.metrics.filter(isDistribution);
  const singles = results.metrics.filter((m) => !isDistribution(m) && m.avg !== undefined);
  yield `${["Metric", ...AIPERF_CSV_STATS].join(",")}\n`;
  for (const m of distributions) {
    const scale = aiperfName(m).scale ?? 1;
    yield `${[cell(label(m)), ...AIPERF_CSV_STATS.map((s) => cell(m[s] === undefined ? undefined : (m[s] as number) * scale))].join(",")}\n`;
  }
  yield "\nMetric,Value\n";
  for (const m of singles) yield `${cell(label(m))},${cell((m.avg as number) * (aiperfName(m).scale ?? 1))}\n`;
}

/**
 * Built-in `aiperf_csv`: `profile_export_aiperf.csv`, NVIDIA AIPerf's CSV: the per-request
 * metrics with `Metric,avg,min,max,p1…p99,std`, a blank line, then `Metric,Value` for the
 * single-value ones. Labels are AIPerf's headers with the unit, `Request Latency (ms)`.
 */
export class AiperfCsvExporter implements DataExporter {
  async export(results: ProfileResults, dir: string): Promise<string[]> {
    const file = path.join(dir, "profile_export_aiperf.csv");
    await writeLinesAtomic(file, lines(results));
    return [file];
  }
}
