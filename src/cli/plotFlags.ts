/**
 * The `--set` of a run that will be plotted: the report needs the per-request records, so the
 * `records` exporter is added to the configured ones when it is missing. A config that does not
 * load is left as it is, for the run itself to report with its location.
 */
export async function withRecordsForPlot(plot: boolean | undefined, config: string, set: string[]): Promise<string[]> {
  if (!plot) return set;
  const { loadProfilerConfig } = await import("../profiler/config/loadProfilerConfig.js");
  try {
    const exporters = loadProfilerConfig({ config, set }).config.output.data_exporters;
    return exporters.includes("records") ? set : [...set, `output.data_exporters=${JSON.stringify([...exporters, "records"])}`];
  } catch {
    return set;
  }
}
