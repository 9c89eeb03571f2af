import { type ConsoleStyle, consoleStyle } from "aiperf";

/** One row: a metric's label and its stat values, already formatted. */
export interface MetricRow {
  label: string;
  values: Readonly<Record<string, string>>;
}

/** Stats in the order they read when they all fit on one row. */
const ONE_ROW = ["avg", "min", "max", "p50", "p90", "p95", "p99", "std"];
/** Blocks when they do not: the spread, then the percentiles. */
const GROUPS = [
  ["avg", "min", "max", "std"],
  ["p50", "p90", "p95", "p99"],
];
const GAP = 2;
const MIN_LABEL = 12;

/** Splits `columns` into runs whose cells fit next to the label column within `width`. */
function pack(columns: readonly string[], colWidth: (c: string) => number, room: number): string[][] {
  const blocks: string[][] = [];
  let block: string[] = [];
  let used = 0;
  for (const c of columns) {
    const w = GAP + colWidth(c);
    if (block.length > 0 && used + w > room) {
      blocks.push(block);
      block = [];
      used = 0;
    }
    block.push(c);
    used += w;
  }
  if (block.length > 0) blocks.push(block);
  return blocks;
}

/**
 * Lays metric rows out within `width` columns: one table when every stat fits on a row, else one
 * block per group (avg/min/max/std, then the percentiles), each group split further if it still
 * does not fit; the label column repeats in each block. Labels longer than the room left by the
 * widest stat column are cut with "...".
 */
export function metricTable(rows: readonly MetricRow[], width: number, style: ConsoleStyle = consoleStyle(false)): string[] {
  if (rows.length === 0) return [];
  const colWidth = (c: string) => Math.max(c.length, ...rows.map((r) => (r.values[c] ?? "-").length));
  const widest = Math.max(...ONE_ROW.map(colWidth));
  const labelWidth = Math.max(MIN_LABEL, Math.min(Math.max(6, ...rows.map((r) => r.label.length)), width - GAP - widest));
  const label = (text: string) => (text.length <= labelWidth ? text.padEnd(labelWidth) : `${text.slice(0, labelWidth - 3)}...`);
  const room = width - labelWidth;
  const oneRowWidth = ONE_ROW.reduce((n, c) => n + GAP + colWidth(c), 0);
  const blocks = oneRowWidth <= room ? [ONE_ROW] : GROUPS.flatMap((g) => pack(g, colWidth, room));
  const out: string[] = [];
  for (const [i, block] of blocks.entries()) {
    if (i > 0) out.push("");
    const cells = (first: string, values: (c: string) => string) => `${first}${block.map((c) => " ".repeat(GAP) + values(c).padStart(colWidth(c))).join("")}`;
    out.push(
      style(
        "bold",
        cells(label("Metric"), (c) => c),
      ),
    );
    out.push(
      style(
        "dim",
        cells("-".repeat(labelWidth), (c) => "-".repeat(colWidth(c))),
      ),
    );
    for (const r of rows) out.push(cells(label(r.label), (c) => r.values[c] ?? "-"));
  }
  return out;
}
