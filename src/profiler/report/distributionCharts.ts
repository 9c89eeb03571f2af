import type { ChartSpec } from "./ChartSpec.js";
import { axis, baseOption, short } from "./chartBase.js";
import { histogram, sharedRange } from "./histogram.js";
import type { RunData } from "./loadRun.js";
import type { LatencyRole } from "./metricTags.js";

const TITLES: Record<LatencyRole, string> = {
  ttft: "Time to first token",
  itl: "Inter-token latency",
  latency: "Request latency",
};

/** p50/p90/p99 of the export as vertical lines: the numbers are the export's, never recomputed. */
function percentileLines(marks: Record<string, number>): Record<string, unknown> {
  return {
    silent: true,
    symbol: "none",
    lineStyle: { type: "solid", width: 1.5 },
    label: { position: "insideEndTop", fontSize: 10, formatter: "{b}" },
    data: Object.entries(marks).map(([name, v]) => ({ name: `${name} ${short(v)}`, xAxis: v })),
  };
}

/** The distribution of one latency over the runs' requests, each run's p50/p90/p99 marked. */
export function distributionChart(role: LatencyRole, runs: readonly RunData[], labels: readonly string[]): ChartSpec {
  const range = sharedRange(runs.map((r) => r.samples[role]));
  const marks: Record<string, Record<string, number>> = {};
  const series = runs.map((run, i) => {
    const label = labels[i] as string;
    const m = run.metrics[role];
    const own: Record<string, number> = {};
    for (const key of ["p50", "p90", "p99"] as const) if (m?.[key] !== undefined) own[key] = m[key] as number;
    marks[label] = own;
    return {
      name: label,
      type: "line" as const,
      step: "middle" as const,
      symbol: "none",
      areaStyle: { opacity: runs.length > 1 ? 0.15 : 0.35 },
      data: range ? histogram(run.samples[role], range) : [],
      markLine: percentileLines(own),
    };
  });
  const title = `${TITLES[role]} distribution (ms)`;
  return {
    id: `${role}-distribution`,
    title,
    note: "Requests per latency bin (per-request values from the records); the p50/p90/p99 lines are the export's numbers.",
    option: {
      ...baseOption(title, runs.length),
      xAxis: axis("ms", "x", { scale: true }),
      yAxis: axis("requests", "y"),
      series,
    },
    data: { marks },
  };
}
