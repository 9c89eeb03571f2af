import { mkdir } from "node:fs/promises";
import path from "node:path";
import { frameworkPackage } from "../../kernel/discovery/frameworkRoot.js";
import { writeFileAtomic } from "../../kernel/util/writeFileAtomic.js";
import type { ChartSpec } from "./ChartSpec.js";
import { curveChart } from "./curveChart.js";
import { distributionChart } from "./distributionCharts.js";
import { findRunDirs } from "./findRunDirs.js";
import { loadRun, type RunData } from "./loadRun.js";
import { LATENCY_ROLES } from "./metricTags.js";
import { renderSvgs } from "./renderSvg.js";
import { reportHtml } from "./reportHtml.js";
import { timelineCharts } from "./timelineCharts.js";

/**
 * What {@link writeReport} wrote.
 * @public
 */
export interface ReportFiles {
  /** `report.html`: self-contained (styles, charts and their numbers inline). */
  html: string;
  /** One SVG per chart, next to it. */
  svgs: string[];
  /** The run folders drawn, in order. */
  runs: string[];
}

/** Each run's name on the charts: its load, made unique when two runs share one. */
function labelsOf(runs: readonly RunData[]): string[] {
  const seen = new Map<string, number>();
  return runs.map((r) => {
    const n = (seen.get(r.header.loadShort) ?? 0) + 1;
    seen.set(r.header.loadShort, n);
    return n === 1 ? r.header.loadShort : `${r.header.loadShort} (${n})`;
  });
}

function chartsOf(runs: readonly RunData[], labels: readonly string[]): ChartSpec[] {
  const charts = [...LATENCY_ROLES.map((role) => distributionChart(role, runs, labels)), ...timelineCharts(runs, labels)];
  // With several runs the curve leads: it is the comparison's point.
  return runs.length > 1 ? [curveChart(runs, labels), ...charts] : charts;
}

/**
 * Writes `report.html` and one SVG per chart into `outDir` for one run folder or several (a folder
 * without an export stands for the runs inside it). Several runs are overlaid on each chart and
 * compared on a latency–throughput curve, in the order given.
 * @public
 */
export async function writeReport(runDirs: readonly string[], outDir: string): Promise<ReportFiles> {
  const dirs = await findRunDirs(runDirs);
  const runs: RunData[] = [];
  for (const dir of dirs) runs.push(await loadRun(dir));
  const labels = labelsOf(runs);
  const charts = chartsOf(runs, labels);
  const svgs = await renderSvgs(charts);
  await mkdir(outDir, { recursive: true });
  const svgFiles: string[] = [];
  for (const [i, chart] of charts.entries()) {
    const file = path.join(outDir, `${chart.id}.svg`);
    await writeFileAtomic(file, svgs[i] as string);
    svgFiles.push(file);
  }
  const html = path.join(outDir, "report.html");
  await writeFileAtomic(html, reportHtml(runs, labels, charts, svgs, `aiperf ${frameworkPackage().version}`));
  return { html, svgs: svgFiles, runs: dirs };
}
