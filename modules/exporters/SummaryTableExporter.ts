import { type ConsoleExporter, type ConsoleStyle, type ConsoleView, consoleStyle, type MetricResult, type ProfileResults, type ThresholdResult } from "aiperf";
import { loadWarnings } from "./loadWarnings.js";
import { metricTable } from "./metricTable.js";
import { summaryHeader, wrapText } from "./summaryHeader.js";

const STATS = ["avg", "min", "max", "std", "p50", "p90", "p95", "p99"] as const;

function fmt(value: number | undefined): string {
  if (value === undefined || Number.isNaN(value)) return "-";
  if (Number.isInteger(value)) return String(value);
  if (Math.abs(value) >= 1000) return value.toFixed(0);
  if (Math.abs(value) >= 10) return value.toFixed(2);
  return value.toFixed(3);
}

const labelOf = (m: MetricResult) => `${m.header} (${m.unit})`;

/** One line per threshold: PASS/FAIL, the expression and what was measured. */
function thresholdLines(thresholds: readonly ThresholdResult[], width: number, style: ConsoleStyle): string[] {
  const lines = [style("bold", "Thresholds")];
  for (const t of thresholds) {
    const verdict = t.passed ? style("green", "PASS") : style("red", "FAIL");
    lines.push(
      ...wrapText(`${t.passed ? "PASS" : "FAIL"}  ${t.expression}  (measured ${fmt(t.value)})`, width).map((l, i) => (i === 0 ? `${verdict}${l.slice(4)}` : l)),
    );
  }
  return lines;
}

/**
 * Built-in `summary_table`: what was measured (URL, model, endpoint, load, duration, request
 * counts), then the profiling phase's metrics, laid out to fit the view's width (80 columns by
 * default): one row per metric, in two blocks when all the stats do not fit on one row.
 */
export class SummaryTableExporter implements ConsoleExporter {
  render(results: ProfileResults, view: ConsoleView = { width: 80, style: consoleStyle(false) }): string {
    const { width, style } = view;
    const shown = results.metrics.filter((m) => m.console !== false);
    const stats = shown.filter((m) => m.p50 !== undefined);
    const singles = shown.filter((m) => m.p50 === undefined && m.avg !== undefined);
    const rows = stats.map((m) => ({ label: labelOf(m), values: Object.fromEntries(STATS.map((s) => [s, fmt(m[s])])) }));
    const out = [...summaryHeader(results, width, style), "", ...metricTable(rows, width, style)];
    if (singles.length > 0) {
      out.push("");
      const labelWidth = Math.max(...singles.map((m) => labelOf(m).length));
      for (const m of singles) out.push(`${labelOf(m).padEnd(labelWidth)}  ${fmt(m.avg)}`);
    }
    if (results.thresholds && results.thresholds.length > 0) out.push("", ...thresholdLines(results.thresholds, width, style));
    const failures = Object.entries(results.hookFailures);
    if (failures.length > 0)
      out.push("", ...wrapText(`Phase hook failures: ${failures.map(([n, c]) => `${n}=${c}`).join(", ")}`, width).map((l) => style("yellow", l)));
    const warnings = loadWarnings(results);
    if (warnings.length > 0) out.push("", ...warnings.flatMap((w) => wrapText(w, width)).map((l) => style("yellow", l)));
    return `${out.join("\n")}\n`;
  }
}
