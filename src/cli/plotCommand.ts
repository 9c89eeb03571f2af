import path from "node:path";
import type { Command } from "commander";
import type { CliIO } from "./CliIO.js";

/** Writes the report of `runDirs` into `outDir` and says where it went. */
export async function writeReportTo(runDirs: readonly string[], outDir: string, io: CliIO): Promise<void> {
  // Loaded on use: the report pulls in ECharts, which no other command needs.
  const { writeReport } = await import("../profiler/report/writeReport.js");
  const written = await writeReport(runDirs, outDir);
  const shown = (file: string) => {
    const rel = path.relative(io.cwd, file);
    return rel.startsWith("..") || path.isAbsolute(rel) ? file : rel;
  };
  const runs = written.runs.length === 1 ? "1 run" : `${written.runs.length} runs`;
  io.stdout(`Report    ${shown(written.html)} (${runs}, ${written.svgs.length} charts, SVGs next to it)\n`);
}

/** `aiperf plot RUN_DIR... [--output DIR]`. */
export function addPlotCommand(program: Command, io: CliIO): void {
  program
    .command("plot")
    .description("HTML report and SVG charts of one run folder, or a comparison of several (a sweep's folder stands for its runs)")
    .argument("<run_dir...>", "run folders written by `aiperf profile` (or a folder holding several)")
    .option("--output <dir>", "where report.html and the SVGs go (default: the folder given, when one; else ./report)")
    .option("--debug", "show stack traces on errors")
    .action(async (dirs: string[], flags: { output?: string }) => {
      const runDirs = dirs.map((d) => path.resolve(io.cwd, d));
      const out =
        flags.output !== undefined ? path.resolve(io.cwd, flags.output) : runDirs.length === 1 ? (runDirs[0] as string) : path.resolve(io.cwd, "report");
      await writeReportTo(runDirs, out, io);
    });
}
