import type { ChartSpec, CurvePoint } from "./ChartSpec.js";
import { axis, baseOption } from "./chartBase.js";
import type { RunData } from "./loadRun.js";

/** One run's point: its output tokens/s and its TTFT and ITL percentiles, as the export gives them. */
function pointOf(run: RunData, label: string): CurvePoint {
  const p: CurvePoint = { label };
  const put = (key: Exclude<keyof CurvePoint, "label">, v: number | undefined) => {
    if (v !== undefined) p[key] = v;
  };
  put("outputTokensPerS", run.metrics.outputTokenThroughput?.value);
  put("ttftP50", run.metrics.ttft?.p50);
  put("ttftP99", run.metrics.ttft?.p99);
  put("itlP50", run.metrics.itl?.p50);
  put("itlP99", run.metrics.itl?.p99);
  return p;
}

const LINES = [
  { key: "ttftP50", name: "TTFT p50", axis: 0, dashed: false, color: "#3366cc" },
  { key: "ttftP99", name: "TTFT p99", axis: 0, dashed: true, color: "#3366cc" },
  { key: "itlP50", name: "ITL p50", axis: 1, dashed: false, color: "#e6761b" },
  { key: "itlP99", name: "ITL p99", axis: 1, dashed: true, color: "#e6761b" },
] as const;

/** Latency against throughput, one point per run in run order, each labelled with its load. */
export function curveChart(runs: readonly RunData[], labels: readonly string[]): ChartSpec {
  const curve = runs.map((run, i) => pointOf(run, labels[i] as string));
  const title = "Latency against throughput";
  const series = LINES.map((line) => ({
    name: line.name,
    type: "line" as const,
    yAxisIndex: line.axis,
    symbolSize: 7,
    color: line.color,
    lineStyle: { type: line.dashed ? ("dashed" as const) : ("solid" as const) },
    label: { show: line.key === "ttftP50", formatter: "{@[2]}", position: "top" as const, fontSize: 10 },
    data: curve.filter((p) => p.outputTokensPerS !== undefined && p[line.key] !== undefined).map((p) => [p.outputTokensPerS, p[line.key], p.label]),
  }));
  return {
    id: "latency-throughput",
    title,
    note: "One point per run (labelled with its load), in run order: p50 and p99 of TTFT (left axis) and ITL (right axis) against output tokens/s, all from the exports.",
    option: {
      ...baseOption(title, 2),
      grid: { left: 64, right: 64, top: 64, bottom: 48 },
      xAxis: axis("output tokens/s", "x", { scale: true }),
      yAxis: [axis("TTFT (ms)", "y"), axis("ITL (ms)", "y", { splitLine: { show: false } })],
      series,
    },
    data: { curve },
  };
}
