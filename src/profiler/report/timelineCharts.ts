import type { ChartSpec } from "./ChartSpec.js";
import { axis, baseOption, phaseLines } from "./chartBase.js";
import type { RunData } from "./loadRun.js";
import type { Point, Timelines } from "./timelines.js";

interface TimelineKind {
  id: string;
  title: string;
  yName: string;
  pick: (t: Timelines) => Point[];
  draw: "scatter" | "step" | "area";
  note: string;
}

const KINDS: readonly TimelineKind[] = [
  {
    id: "ttft-timeline",
    title: "Time to first token per request (ms)",
    yName: "ms",
    pick: (t) => t.ttft,
    draw: "scatter",
    note: "Each point a request, at its start; in each time slice the fastest and slowest request are kept.",
  },
  {
    id: "latency-timeline",
    title: "Request latency per request (ms)",
    yName: "ms",
    pick: (t) => t.latency,
    draw: "scatter",
    note: "Each point a request, at its start; in each time slice the fastest and slowest request are kept.",
  },
  {
    id: "output-tokens-per-s",
    title: "Output tokens per second",
    yName: "tokens/s",
    pick: (t) => t.outputTokensPerS,
    draw: "step",
    note: "Output tokens received in each window, counted as their chunks arrived.",
  },
  {
    id: "requests-per-s",
    title: "Requests per second",
    yName: "requests/s",
    pick: (t) => t.requestsPerS,
    draw: "step",
    note: "Successful requests finished in each window.",
  },
  {
    id: "in-flight",
    title: "Requests in flight",
    yName: "requests",
    pick: (t) => t.inFlight,
    draw: "step",
    note: "The most requests in flight at once in each window.",
  },
  {
    id: "errors",
    title: "Errors over time",
    yName: "errors",
    pick: (t) => t.errors,
    draw: "area",
    note: "Failed requests per window, at the time each one ended.",
  },
];

function seriesOf(kind: TimelineKind, run: RunData, label: string): Record<string, unknown> {
  const picked = kind.pick(run.timelines);
  const last = picked[picked.length - 1];
  // A closing point at the run's end, so the last window is drawn as wide as it is.
  const closing: Point[] = kind.draw !== "scatter" && last && run.timelines.endS > last[0] ? [[run.timelines.endS, last[1]]] : [];
  const data = [...picked, ...closing];
  const marks = phaseLines(run.phaseMarks);
  const common = { name: label, data, ...(marks ? { markLine: marks } : {}) };
  if (kind.draw === "scatter") return { ...common, type: "scatter", symbolSize: 3, large: false };
  return {
    ...common,
    type: "line",
    symbol: "none",
    // A window's value holds from its start to the next window's.
    step: "end",
    ...(kind.draw === "area" ? { areaStyle: { opacity: 0.4 } } : {}),
  };
}

/** The charts over the run's time: per-request latencies, rates per window, in flight, errors. */
export function timelineCharts(runs: readonly RunData[], labels: readonly string[]): ChartSpec[] {
  return KINDS.map((kind) => {
    const sums: Record<string, { points: number; sum: number }> = {};
    const series = runs.map((run, i) => {
      const label = labels[i] as string;
      const points = kind.pick(run.timelines);
      sums[label] = { points: points.length, sum: points.reduce((s, p) => s + p[1], 0) };
      return seriesOf(kind, run, label);
    });
    const marks: Record<string, Record<string, number>> = {};
    runs.forEach((run, i) => {
      marks[labels[i] as string] = Object.fromEntries(run.phaseMarks.map((m) => [m.name, m.s]));
    });
    const windowS = Math.max(...runs.map((r) => r.timelines.windowS));
    const note = windowS > 1 && kind.draw !== "scatter" ? `${kind.note} Windows of ${windowS} s.` : kind.note;
    return {
      id: kind.id,
      title: kind.title,
      note: `${note} Dashed lines: phase boundaries.`,
      option: {
        ...baseOption(kind.title, runs.length),
        ...(runs.length === 1 && kind.id === "errors" ? { color: ["#d62728"] } : {}),
        xAxis: axis("seconds since profiling started", "x", { min: 0, max: Math.max(...runs.map((r) => r.timelines.endS)) || undefined }),
        yAxis: axis(kind.yName, "y"),
        series,
      },
      data: { series: sums, marks },
    } satisfies ChartSpec;
  });
}
