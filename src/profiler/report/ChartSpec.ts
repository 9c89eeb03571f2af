import type { EChartsOption } from "echarts";

/** The numbers a chart shows, embedded in the page so they can be read back and checked. */
export interface ChartData {
  /** Per run (by label): the marks drawn (p50/p90/p99 from the export, phase boundaries). */
  marks?: Record<string, Record<string, number>>;
  /** Per run (by label): how many points were drawn, and their sum (counts and rates). */
  series?: Record<string, { points: number; sum: number }>;
  /** The latency–throughput curve: one point per run, in run order. */
  curve?: CurvePoint[];
}

/** One run on the latency–throughput curve (ms against output tokens/s). */
export interface CurvePoint {
  label: string;
  outputTokensPerS?: number;
  ttftP50?: number;
  ttftP99?: number;
  itlP50?: number;
  itlP99?: number;
}

/** One chart of the report: its ECharts option (rendered to SVG on the server) and its numbers. */
export interface ChartSpec {
  id: string;
  title: string;
  /** One sentence under the chart: what it shows and where its numbers come from. */
  note: string;
  option: EChartsOption;
  data: ChartData;
}
