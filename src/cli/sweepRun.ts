import { readFile } from "node:fs/promises";
import path from "node:path";
import { printable } from "../kernel/util/printable.js";
import { everyRequestFailed } from "../profiler/run/everyRequestFailed.js";
import type { CliIO } from "./CliIO.js";
import { writeReportTo } from "./plotCommand.js";
import type { SweepPlan } from "./sweepPlan.js";

const SIGNALS = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;

/** The flags a sweep passes on to each of its runs. */
export interface SweepableFlags {
  concurrency?: string;
  requestRate?: string;
  output?: string;
  set: string[];
  plot?: boolean;
}

interface RunOutcome {
  done: boolean;
  interrupted: boolean;
  allFailed: boolean;
  /** A `--threshold` failed in this run. */
  thresholdFailed: boolean;
}

/** What a run folder's export says of how the run ended (no export: it never finished). */
async function outcomeOf(dir: string): Promise<RunOutcome> {
  try {
    const exported = JSON.parse(await readFile(path.join(dir, "profile_export.json"), "utf8")) as {
      interrupted?: boolean;
      phases?: { phase?: string; completed?: number; errors?: number }[];
      thresholds?: { passed?: boolean }[];
    };
    const p = exported.phases?.find((x) => x.phase === "profiling");
    const allFailed = everyRequestFailed(p);
    const thresholdFailed = (exported.thresholds ?? []).some((t) => t.passed === false);
    return { done: exported.interrupted !== true, interrupted: exported.interrupted === true, allFailed, thresholdFailed };
  } catch {
    return { done: false, interrupted: false, allFailed: false, thresholdFailed: false };
  }
}

function stamp(date: Date): string {
  const iso = date.toISOString();
  return `${iso.slice(0, 10).replaceAll("-", "")}-${iso.slice(11, 19).replaceAll(":", "")}`;
}

/** The sweep's folder: `--output` as given, else a new `artifacts/sweep-<flag>-<time>/`. */
export function sweepDir(plan: SweepPlan, output: string | undefined, cwd: string, now = new Date()): string {
  if (output !== undefined) return path.resolve(cwd, output);
  return path.resolve(cwd, "artifacts", `sweep-${plan.folders[0]?.replace(/_[^_]*$/, "")}-${stamp(now)}`);
}

/**
 * Runs one profile per swept value, one after another, each into its own folder under the sweep's
 * (flat: no dated subfolder), each with its own report; then writes the comparison report over the
 * runs that completed. A stop signal ends the sweep after the run in progress has written its
 * exports, and the comparison of what completed is still written. Returns the exit code.
 */
export async function runSweep<F extends SweepableFlags>(
  plan: SweepPlan,
  flags: F,
  io: CliIO,
  runOne: (flags: F) => Promise<number | undefined>,
): Promise<number> {
  const base = sweepDir(plan, flags.output, io.cwd);
  let stopped: keyof typeof SIGNALS | undefined;
  const listeners = (Object.keys(SIGNALS) as (keyof typeof SIGNALS)[]).map((name) => {
    // The run in progress handles the signal itself (it stops and writes its exports); this only
    // keeps the sweep from starting the next run.
    const listener = () => {
      stopped ??= name;
    };
    process.on(name, listener);
    return [name, listener] as const;
  });
  const completed: string[] = [];
  let failed = false;
  let thresholdFailed = false;
  try {
    for (const [i, value] of plan.values.entries()) {
      if (stopped) break;
      const dir = path.join(base, plan.folders[i] as string);
      io.stderr(`[aiperf] sweep ${i + 1}/${plan.values.length}: ${plan.folders[i]?.replaceAll("_", " ")} -> ${dir}\n`);
      let code: number | undefined;
      try {
        code = await runOne({ ...flags, [plan.flag]: value, output: dir, set: [...flags.set, "output.flat=true"], plot: true });
      } catch (error) {
        // A signal that lands before measuring begins (the pre-flight check) fails that run; the
        // sweep then ends as interrupted, not as failed.
        if (!stopped) throw error;
        io.stderr(`[aiperf] sweep: ${plan.folders[i]} stopped before it measured: ${printable(error instanceof Error ? error.message : String(error))}\n`);
      }
      const outcome = await outcomeOf(dir);
      if (outcome.done) completed.push(dir);
      // Exit 1 of a run: every request failed, or an export could not be written.
      failed ||= outcome.allFailed || code === 1;
      thresholdFailed ||= outcome.thresholdFailed;
      if (outcome.interrupted) stopped ??= "SIGINT";
    }
  } finally {
    for (const [name, listener] of listeners) process.off(name, listener);
    if (completed.length > 0) await writeReportTo(completed, base, io);
    else io.stderr("[aiperf] sweep: no run completed, no comparison report written\n");
  }
  // As for one run: interrupted, then a failure (every request failed, an export not written), then a failed threshold (exit 3).
  return stopped ? SIGNALS[stopped] : failed ? 1 : thresholdFailed ? 3 : 0;
}
