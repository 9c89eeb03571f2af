import { randomUUID } from "node:crypto";
import path from "node:path";
import type { App } from "../../kernel/app/App.js";
import { EventBus } from "../../kernel/events/EventBus.js";
import { messageOf } from "../../kernel/util/messageOf.js";
import { monotonicNs } from "../../kernel/util/monotonicNs.js";
import { unlessDrained } from "../../kernel/util/unlessDrained.js";
import type { AppConfig } from "../config/AppConfig.js";
import { colorEnabled, consoleStyle } from "../console/consoleStyle.js";
import { RunEnd, RunStart } from "../events/profilerEvents.js";
import { checkMetricOptions } from "../metrics/checkMetricOptions.js";
import type { ProfileResults } from "../model/ProfileResults.js";
import { PhaseOrchestrator } from "../phases/PhaseOrchestrator.js";
import { ConsoleExporter, type ConsoleView } from "../protocols/ConsoleExporter.js";
import { DataExporter } from "../protocols/DataExporter.js";
import { DatasetComposer } from "../protocols/DatasetComposer.js";
import { DatasetSampler } from "../protocols/DatasetSampler.js";
import { Endpoint, type ProbeTarget } from "../protocols/Endpoint.js";
import { Metric } from "../protocols/Metric.js";
import { RecordProcessor } from "../protocols/RecordProcessor.js";
import { ResultsProcessor } from "../protocols/ResultsProcessor.js";
import { ServiceManager } from "../protocols/ServiceManager.js";
import { TimingStrategy } from "../protocols/TimingStrategy.js";
import { Ui } from "../protocols/Ui.js";
import { buildResults } from "./buildResults.js";
import { everyRequestFailed } from "./everyRequestFailed.js";
import { prepareRunDir, type RunDir } from "./prepareRunDir.js";
import { RunTarget } from "./RunTarget.js";
import { resolveRunTokenizer } from "./resolveRunTokenizer.js";
import { type PhasesOutcome, runPhases } from "./runPhases.js";

/**
 * Options of one profile run.
 * @public
 */
export interface ProfileRunOptions {
  /** Abort to stop (Ctrl-C): sending stops, in-flight requests get `graceMs`, exports are written. */
  signal?: AbortSignal;
  /** Where console exporters' text goes (default stdout). */
  write?: (text: string) => void;
  /** Colour the console text (default: when it goes to stdout and stdout takes colours; never with `NO_COLOR`). */
  color?: boolean;
  /** Columns console text should fit in (default 80, or a narrower stdout terminal's width). */
  width?: number;
  /** How long in-flight requests may finish after an interrupt (default 2000 ms). */
  graceMs?: number;
}

/**
 * What a run produced. `exitCode`: 0 ok, 1 every request failed or an export could not be written,
 * 3 a `--threshold` failed, 130 interrupted.
 * @public
 */
export interface ProfileRunResult {
  results: ProfileResults;
  /** The folder this run wrote into (its own, unless `output.flat`). */
  dir: string;
  files: string[];
  /** Data exporters whose export failed (their errors are logged): the run exits 1. */
  failedExports: string[];
  exitCode: 0 | 1 | 3 | 130;
}

/**
 * The main job: warm-up then profiling against the configured endpoint (the embedded mock server
 * by default), then metrics, exports and console output. Every piece is resolved through its
 * protocol, so plugins replace any of them, and everything (config blocks included) is checked
 * before the first request, so a bad config fails before anything is sent.
 * @public
 */
export async function runProfile(app: App<AppConfig>, options: ProfileRunOptions = {}): Promise<ProfileRunResult> {
  await app.checkConfig();
  // Plugins initialize before anything is resolved for the run (a no-op when the host started the app).
  await app.start();
  const parts = await resolveRunParts(app);
  const startedAt = new Date();
  const runStart = monotonicNs();
  const runDir = await prepareRunDir(
    path.resolve(app.config.output.dir),
    { model: app.config.endpoint.model, endpoint: app.config.endpoint.type, load: await loadLabel(app), startedAt },
    app.config.output.flat,
  );
  const dir = runDir.path;
  const bus = await app.get(EventBus);
  // One correlation id ties a run's events together: run.start, every phase event, run.end.
  const source = { source: "run", correlationId: randomUUID() };
  const { measured, connectionSetup } = await discardOnFailure(runDir, async () => {
    await bus.emit(RunStart, { dir, startedAt: startedAt.toISOString(), endpoint: app.config.endpoint.type, model: app.config.endpoint.model }, source);
    return measure(app, parts, dir, source.correlationId, options);
  });
  const interrupted = options.signal?.aborted ?? false;
  const run = { startedAt, durationS: (monotonicNs() - runStart) / 1e9, interrupted };
  if (interrupted && measured.phases.length === 0) {
    // Stopped before the first request: nothing to export, no folder to keep.
    const results = await buildResults(app, parts, measured, parts.orchestrator.hookFailures, run);
    await runDir.discard();
    await bus.emit(RunEnd, { dir, files: [], records: 0, completed: 0, errors: 0, interrupted, exitCode: 130 }, source);
    return { results, dir, files: [], failedExports: [], exitCode: 130 };
  }
  // The end of the run (metrics, then exports) is timed: at a million records it must stay seconds.
  const at = { endStart: monotonicNs(), rssAtEnd: process.memoryUsage.rss(), cpuAtEnd: process.cpuUsage() };
  const results = await buildResults(app, parts, measured, parts.orchestrator.hookFailures, run);
  const afterResults = { resultsNs: monotonicNs(), rssAfterResults: process.memoryUsage.rss() };
  results.tokenizer = parts.tokenizer.info;
  if (connectionSetup) results.connectionSetup = connectionSetup;
  const exported = await exportAll(app, parts.dataExporters, results, dir);
  if (hasSomethingToShow(measured, exported.files)) await runDir.publish();
  logEndOfRun(app, measured.records.length, { ...at, ...afterResults }, exported.times);
  renderConsole(parts.consoleExporters, results, options);
  const thresholdFailed = results.thresholds?.some((t) => !t.passed) ?? false;
  // A file asked for and not written is a failure (1), as is a run whose every request failed.
  const exitCode = interrupted ? 130 : exported.failed.length > 0 || everyRequestFailed(measured.stats) ? 1 : thresholdFailed ? 3 : 0;
  const counts = { records: measured.records.length, completed: measured.stats?.completed ?? 0, errors: measured.stats?.errors ?? 0 };
  await bus.emit(RunEnd, { dir, files: exported.files, ...counts, interrupted, exitCode }, source);
  return { results, dir, files: exported.files, failedExports: exported.failed, exitCode };
}

type RunParts = Awaited<ReturnType<typeof resolveRunParts>>;

/**
 * A run that fails before it wrote anything (the pre-flight check, the dataset, a plugin) leaves
 * no empty folder behind: `latest` and the folders next to it stay the last runs that measured.
 */
async function discardOnFailure<T>(runDir: RunDir, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    await runDir.discard();
    throw error;
  }
}

/** `latest` is for a run worth opening: one that sent requests and wrote its exports, not one stopped before its first request. */
function hasSomethingToShow(measured: PhasesOutcome, files: readonly string[]): boolean {
  return files.length > 0 && measured.phases.some((p) => p.sent > 0);
}

/**
 * Everything a run uses, resolved and checked before the run folder and the first request. One
 * after another: the order things are built in is the (reverse) order they are disposed in.
 */
async function resolveRunParts(app: App<AppConfig>) {
  const orchestrator = await app.get(PhaseOrchestrator);
  const endpoint = await app.get(Endpoint);
  const composer = await app.get(DatasetComposer);
  const sampler = await app.get(DatasetSampler);
  const serviceManager = await app.get(ServiceManager);
  const ui = await app.get(Ui);
  const strategy = await app.get(TimingStrategy);
  const recordProcessors = await app.getAll(RecordProcessor);
  const resultsProcessors = await app.getAll(ResultsProcessor);
  const dataExporters = await app.getAll(DataExporter);
  const consoleExporters = await app.getAll(ConsoleExporter);
  // Thresholds and goodput SLOs name metrics: a typo fails here, before anything is sent.
  const thresholds = checkMetricOptions(app.config, await app.getAll(Metric), app.loadedConfig);
  // An explicit tokenizer that does not resolve fails here too.
  const tokenizer = await resolveRunTokenizer(app);
  return {
    orchestrator,
    endpoint,
    composer,
    sampler,
    serviceManager,
    ui,
    strategy,
    recordProcessors,
    resultsProcessors,
    dataExporters,
    consoleExporters,
    thresholds,
    tokenizer,
  };
}

/**
 * Opens the target, checks it, composes the dataset and runs the phases; the target is closed
 * whatever happens. Stopped before the first request (during the check or while connecting), the
 * run measured nothing and ends as any interrupted run does, not as a failure of the server.
 */
async function measure(app: App<AppConfig>, parts: RunParts, dir: string, correlationId: string, options: ProfileRunOptions) {
  const { endpoint, serviceManager, strategy, sampler } = parts;
  const target = new RunTarget(app, serviceManager, strategy, parts.tokenizer.tokenizer);
  try {
    await target.open();
    try {
      if (app.config.endpoint.preflight) await endpoint.probe?.(probeTarget(app.config, target.url, options.signal));
      // After the check: a server that fails it gets one clear error, not a notice about tokens first.
      if (parts.tokenizer.notice) app.logger.info(parts.tokenizer.notice);
      await target.connect(options.signal);
    } catch (error) {
      if (options.signal?.aborted) return { measured: nothingMeasured(), connectionSetup: undefined };
      throw error;
    }
    const tokenizer = parts.tokenizer.tokenizer;
    const dataset = await parts.composer.compose(datasetSize(app.config), tokenizer ? { tokenizer } : {});
    sampler.init(dataset, app.config.dataset.seed);
    const run = { orchestrator: parts.orchestrator, endpoint, sampler, serviceManager, ui: parts.ui, dataset, correlationId };
    const measured = await runPhases(app, { ...run, textsUnread: tokenizer === undefined, recordsDir: dir }, options.signal, options.graceMs ?? 2000);
    return { measured, connectionSetup: target.connectionSetup };
  } finally {
    await target.close();
  }
}

function nothingMeasured(): PhasesOutcome {
  return { phases: [], postProcessing: [], records: [], stats: undefined, health: [] };
}

/** The console exporters' text (the summary table), to stdout unless the caller writes it elsewhere. */
function renderConsole(exporters: readonly ConsoleExporter[], results: ProfileResults, options: ProfileRunOptions): void {
  const write = options.write ?? ((text: string) => process.stdout.write(text));
  const view = consoleView(options);
  for (const exporter of exporters) {
    const text = exporter.render(results, view);
    if (text) write(text);
  }
}

/** Every data exporter in turn. One that fails (a full disk, a plugin's bug) costs its own files, never the others or the summary. */
async function exportAll(
  app: App<AppConfig>,
  exporters: readonly DataExporter[],
  results: ProfileResults,
  dir: string,
): Promise<{ files: string[]; failed: string[]; times: string[] }> {
  const done = { files: [] as string[], failed: [] as string[], times: [] as string[] };
  for (const exporter of exporters) {
    const name = exporter.constructor.name;
    const exportStart = monotonicNs();
    try {
      done.files.push(
        ...(await unlessDrained(exporter.export(results, dir), `${name} never finished: it awaits something that nothing is left to do (plugin code?)`)),
      );
    } catch (error) {
      done.failed.push(name);
      app.logger.error(`export by ${name} failed: ${messageOf(error)}`);
    }
    done.times.push(`${name} ${((monotonicNs() - exportStart) / 1e9).toFixed(3)}`);
  }
  return done;
}

/** The end of a large run, part by part (debug): at a million records it must stay seconds. */
function logEndOfRun(
  app: App<AppConfig>,
  records: number,
  at: { endStart: number; resultsNs: number; rssAtEnd: number; rssAfterResults: number; cpuAtEnd: NodeJS.CpuUsage },
  exportTimes: readonly string[],
): void {
  const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(0);
  app.logger.debug(
    `end of run: ${((monotonicNs() - at.endStart) / 1e9).toFixed(3)} s from the last request to exports written (${records} records; ` +
      `results ${((at.resultsNs - at.endStart) / 1e9).toFixed(3)} s, exports ${((monotonicNs() - at.resultsNs) / 1e9).toFixed(3)} s (${exportTimes.join(", ")}), ` +
      `CPU ${cpuSeconds(process.cpuUsage(at.cpuAtEnd)).toFixed(3)} s; ` +
      `RSS ${mb(at.rssAtEnd)} MB after the last request, ${mb(at.rssAfterResults)} MB after results, ${mb(process.memoryUsage.rss())} MB after exports)`,
  );
}

/** User plus system CPU time of a `process.cpuUsage()` difference, s: steadier than wall time on a shared machine. */
function cpuSeconds(usage: NodeJS.CpuUsage): number {
  return (usage.user + usage.system) / 1e6;
}

function probeTarget(config: AppConfig, url: string, signal: AbortSignal | undefined): ProbeTarget {
  const e = config.endpoint;
  return {
    url,
    model: e.model,
    ...(e.api_key ? { apiKey: e.api_key } : {}),
    headers: e.headers,
    timeoutMs: e.connect_timeout_ms,
    waitForModelS: e.wait_for_model_s,
    ...(signal ? { signal } : {}),
  };
}

/** The load in a folder name: `concurrency8`, `rate50`, or the strategy's name. */
async function loadLabel(app: App<AppConfig>): Promise<string> {
  const own = ((await app.configOf("timing_strategy").catch(() => undefined)) ?? {}) as { concurrency?: unknown; rate?: unknown };
  if (typeof own.concurrency === "number") return `concurrency${own.concurrency}`;
  if (typeof own.rate === "number") return `rate${own.rate}`;
  return app.config.timing.strategy;
}

/** How console text is laid out: for stdout unless the caller writes it elsewhere. */
function consoleView(options: ProfileRunOptions): ConsoleView {
  const toStdout = options.write === undefined;
  const columns = toStdout && process.stdout.isTTY ? process.stdout.columns : undefined;
  return {
    width: options.width ?? Math.max(40, Math.min(80, columns ?? 80)),
    style: consoleStyle(options.color ?? (toStdout && colorEnabled(process.stdout))),
  };
}

/** Turns to compose: enough for both phases' counts, at least 1 and at most 1000 (the sampler cycles). */
function datasetSize(config: AppConfig): number {
  const expected = (config.phases.warmup.requests ?? 0) + (config.phases.profiling.requests ?? 0);
  return Math.min(Math.max(expected, 1), 1000);
}
