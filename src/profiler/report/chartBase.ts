import type { EChartsOption } from "echarts";
import type { PhaseMark } from "./loadRun.js";

/** Options every chart shares: no animation (it is rendered once, to SVG), a legend for several runs. */
export function baseOption(title: string, runs: number): EChartsOption {
  return {
    animation: false,
    backgroundColor: "#ffffff",
    textStyle: { fontFamily: "system-ui, sans-serif" },
    title: { text: title, left: 8, top: 4, textStyle: { fontSize: 14 } },
    grid: { left: 64, right: 32, top: runs > 1 ? 64 : 40, bottom: 48 },
    ...(runs > 1 ? { legend: { top: 28, type: "scroll" } } : {}),
  };
}

/** A value axis with its name under or beside it. */
export function axis(name: string, position: "x" | "y", extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: "value",
    name,
    nameLocation: "middle",
    nameGap: position === "x" ? 28 : 48,
    scale: false,
    splitLine: { lineStyle: { color: "#eee" } },
    ...extra,
  };
}

const LABEL_SPOTS = ["insideEndTop", "insideMiddleBottom", "insideStartTop"] as const;

/** Phase boundaries as vertical lines on a timeline. */
export function phaseLines(marks: readonly PhaseMark[]): Record<string, unknown> | undefined {
  if (marks.length === 0) return undefined;
  return {
    silent: true,
    symbol: "none",
    lineStyle: { type: "dashed", width: 1 },
    label: { formatter: "{b}", position: "insideEndTop", fontSize: 10 },
    // Boundaries often fall close together (sending complete, end): their labels sit apart.
    data: marks.map((m, i) => ({ name: m.name, xAxis: m.s, label: { position: LABEL_SPOTS[i % LABEL_SPOTS.length] } })),
  };
}

/** A number short enough for a mark's label. */
export function short(v: number): string {
  return Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 10 ? v.toFixed(1) : v.toFixed(2);
}
