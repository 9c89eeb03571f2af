import path from "node:path";
import { describeRun, loadValue, type RunHeader } from "./describeRun.js";
import { METRIC_ALIASES, type MetricRole } from "./metricTags.js";
import { emptySeries, RECORDS_FILE, readRecords } from "./readRecords.js";
import { type MetricSummary, metricOf, readRunExport } from "./readRunExport.js";
import { type HistogramSamples, samplesOf } from "./samplesOf.js";
import { buildTimelines, type Timelines } from "./timelines.js";

/** A phase boundary, in seconds since the profiling phase began. */
export interface PhaseMark {
  name: string;
  s: number;
}

/** Everything the report draws of one run folder. */
export interface RunData {
  dir: string;
  header: RunHeader;
  /** The load's number (concurrency or rate), when there is one. */
  loadValue?: number;
  metrics: Partial<Record<MetricRole, MetricSummary>>;
  samples: HistogramSamples;
  timelines: Timelines;
  phaseMarks: PhaseMark[];
  errors: { message: string; count: number }[];
  /** Requests read from the records file; `undefined` when the run has none. */
  records?: number;
  skippedLines: number;
}

function phaseMarks(phases: readonly Record<string, unknown>[], zeroNs: number | undefined): PhaseMark[] {
  if (zeroNs === undefined) return [];
  const marks: PhaseMark[] = [];
  for (const p of phases) {
    const name = String(p.phase ?? "?");
    for (const [key, what] of [
      ["startNs", "start"],
      ["sendingCompleteNs", "sending complete"],
      ["endNs", "end"],
    ] as const) {
      const at = p[key];
      // Warm-up ends before time zero; only what falls on the charts is marked.
      if (typeof at === "number" && at >= zeroNs) marks.push({ name: `${name} ${what}`, s: (at - zeroNs) / 1e9 });
    }
  }
  return marks;
}

/** Reads one run folder: its export (required) and its records (optional, streamed). */
export async function loadRun(dir: string): Promise<RunData> {
  const run = await readRunExport(dir);
  const header = describeRun(run);
  const profiling = run.phases.find((p) => p.phase === "profiling");
  const zeroNs = typeof profiling?.startNs === "number" ? profiling.startNs : undefined;
  const series = await readRecords(path.join(dir, RECORDS_FILE), zeroNs);
  const metrics: Partial<Record<MetricRole, MetricSummary>> = {};
  for (const role of Object.keys(METRIC_ALIASES) as MetricRole[]) {
    const m = metricOf(run, role);
    if (m) metrics[role] = m;
  }
  const value = loadValue(run.config);
  return {
    dir,
    header,
    ...(value !== undefined ? { loadValue: value } : {}),
    metrics,
    samples: samplesOf(series ?? emptySeries()),
    timelines: buildTimelines(series ?? emptySeries(), header.profilingS ?? 0),
    phaseMarks: phaseMarks(run.phases, zeroNs),
    errors: run.errors,
    ...(series ? { records: series.count } : {}),
    skippedLines: series?.skipped ?? 0,
  };
}
