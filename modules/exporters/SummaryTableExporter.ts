import type { ConsoleExporter, MetricResult, ProfileResults } from "aiperf";

function fmt(value: number | undefined): string {
  if (value === undefined || Number.isNaN(value)) return "-";
  if (Number.isInteger(value)) return String(value);
  if (Math.abs(value) >= 1000) return value.toFixed(0);
  if (Math.abs(value) >= 10) return value.toFixed(2);
  return value.toFixed(3);
}

/** Built-in `summary_table`: the profiling phase's metrics as an aligned text table. */
export class SummaryTableExporter implements ConsoleExporter {
  render(results: ProfileResults): string {
    const stats = results.metrics.filter((m) => m.p50 !== undefined);
    const singles = results.metrics.filter((m) => m.p50 === undefined && m.avg !== undefined);
    const header = ["Metric", "avg", "min", "max", "p50", "p90", "p95", "p99", "std"];
    const rows = stats.map((m: MetricResult) => [`${m.header} (${m.unit})`, ...[m.avg, m.min, m.max, m.p50, m.p90, m.p95, m.p99, m.std].map(fmt)]);
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
    const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number))).join("  ");
    const out = [
      `Profile results (${results.durationS.toFixed(1)} s${results.interrupted ? ", interrupted" : ""})`,
      line(header),
      widths.map((w) => "-".repeat(w)).join("  "),
      ...rows.map(line),
      "",
    ];
    for (const m of singles) out.push(`${`${m.header} (${m.unit})`.padEnd(widths[0] as number)}  ${fmt(m.avg)}`);
    const failures = Object.entries(results.hookFailures);
    if (failures.length > 0) out.push(`Phase hook failures: ${failures.map(([n, c]) => `${n}=${c}`).join(", ")}`);
    return `${out.join("\n")}\n`;
  }
}
