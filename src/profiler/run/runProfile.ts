import path from "node:path";
import type { App } from "../../kernel/app/App.js";
import { maskSecrets } from "../../kernel/config/maskSecrets.js";
import { ConfigInvalidError } from "../../kernel/errors/errors.js";
import { monotonicNs } from "../../kernel/util/monotonicNs.js";
import { CreditPhase } from "../model/CreditPhase.js";
import type { RecordMetrics } from "../model/MetricResult.js";
import type { PhaseStats } from "../model/PhaseStats.js";
import type { ProcessingResult } from "../model/ProcessingResult.js";
import type { ProfileResults } from "../model/ProfileResults.js";
import type { RequestRecord } from "../model/RequestRecord.js";
import { PhaseOrchestrator } from "../phases/PhaseOrchestrator.js";
import { ConsoleExporter } from "../protocols/ConsoleExporter.js";
import { DataExporter } from "../protocols/DataExporter.js";
import { DatasetComposer } from "../protocols/DatasetComposer.js";
import { DatasetSampler } from "../protocols/DatasetSampler.js";
import { Endpoint } from "../protocols/Endpoint.js";
import { MockServer } from "../protocols/MockServer.js";
import { RecordProcessor } from "../protocols/RecordProcessor.js";
import { ResultsProcessor } from "../protocols/ResultsProcessor.js";
import { ServiceManager } from "../protocols/ServiceManager.js";
import { Ui } from "../protocols/Ui.js";
import { PhaseSender } from "./PhaseSender.js";

/** Options of one profile run. */
export interface ProfileRunOptions {
  /** Abort to stop (Ctrl-C): sending stops, in-flight requests get `graceMs`, exports are written. */
  signal?: AbortSignal;
  /** Where console exporters' text goes (default stdout). */
  write?: (text: string) => void;
  /** How long in-flight requests may finish after an interrupt (default 2000 ms). */
  graceMs?: number;
}

/** What a run produced. `exitCode`: 0 ok, 1 every request failed, 130 interrupted. */
export interface ProfileRunResult {
  results: ProfileResults;
  files: string[];
  exitCode: 0 | 1 | 130;
}

/**
 * The config for workers that build their own app: the validated values (env already
 * substituted), with paths made absolute so they mean the same from any thread.
 */
function workerConfig(app: App): Record<string, unknown> {
  const config = JSON.parse(JSON.stringify(app.config)) as { plugins: { paths: string[] }; ui: { type: string } };
  config.plugins.paths = app.config.plugins.paths.map((p) => path.resolve(app.loadedConfig.file ? app.loadedConfig.baseDir : app.root, p));
  config.ui.type = "none";
  return config as unknown as Record<string, unknown>;
}

/** Groups error messages, most frequent first. */
function groupErrors(records: readonly RequestRecord[]): { message: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const r of records) if (r.error !== undefined) counts.set(r.error, (counts.get(r.error) ?? 0) + 1);
  return [...counts].map(([message, count]) => ({ message, count })).sort((a, b) => b.count - a.count || a.message.localeCompare(b.message));
}

/**
 * The main job (DESIGN §1): warm-up then profiling against the configured endpoint (the embedded
 * mock server by default), then metrics, exports and console output. Every piece is resolved
 * through its protocol token, so plugins replace any of them. Everything is resolved before the
 * first phase, so a bad config fails before any request is sent.
 */
export async function runProfile(app: App, options: ProfileRunOptions = {}): Promise<ProfileRunResult> {
  const config = app.config;
  const write = options.write ?? ((text: string) => process.stdout.write(text));
  for (const phase of [CreditPhase.Warmup, CreditPhase.Profiling] as const) {
    const p = config.phases[phase];
    if (phase === CreditPhase.Profiling && p.requests === undefined && p.duration_s === undefined) {
      throw new ConfigInvalidError([{ path: "phases.profiling", message: "set requests or duration_s (or both: whichever comes first ends the phase)" }]);
    }
  }
  if (config.timing.strategy === "request_rate" && config.timing.rate === undefined) {
    throw new ConfigInvalidError([
      { path: "timing.rate", message: 'timing.strategy "request_rate" needs timing.rate (requests per second), e.g. --request-rate 50' },
    ]);
  }
  const orchestrator = await app.get(PhaseOrchestrator);
  const endpoint = await app.get(Endpoint);
  const composer = await app.get(DatasetComposer);
  const sampler = await app.get(DatasetSampler);
  const serviceManager = await app.get(ServiceManager);
  const ui = await app.get(Ui);
  const recordProcessors = await app.getAll(RecordProcessor);
  const resultsProcessors = await app.getAll(ResultsProcessor);
  const dataExporters = await app.getAll(DataExporter);
  const consoleExporters = await app.getAll(ConsoleExporter);

  const startedAt = new Date();
  const runStart = monotonicNs();
  let url = config.endpoint.url;
  let mock: MockServer | undefined;
  if (url === "embedded") {
    mock = await app.get(MockServer);
    const m = config.endpoint.mock;
    ({ url } = await mock.start({ ttftMs: m.ttft_ms, itlMs: m.itl_ms, outputTokens: m.output_tokens, errorRate: m.error_rate, seed: config.timing.seed + 1 }));
  }
  const phases: PhaseStats[] = [];
  const postProcessing: ProcessingResult[] = [];
  let profilingRecords: RequestRecord[] = [];
  let profilingStats: PhaseStats | undefined;
  let opened = false;
  try {
    const t = config.timing;
    const connections = t.strategy === "concurrency" ? t.concurrency : (t.max_concurrency ?? Math.max(t.concurrency, 256));
    await serviceManager.open({
      transport: {
        url,
        connections,
        ...(config.endpoint.api_key ? { apiKey: config.endpoint.api_key } : {}),
        connectTimeoutMs: config.endpoint.connect_timeout_ms,
        requestTimeoutMs: config.endpoint.request_timeout_ms,
      },
      config: workerConfig(app),
      root: app.root,
    });
    opened = true;
    const expected = (config.phases.warmup.requests ?? 0) + (config.phases.profiling.requests ?? 0);
    const turns = await composer.compose(Math.min(Math.max(expected, 1), 1000));
    sampler.init(turns, config.dataset.seed);

    for (const phase of [CreditPhase.Warmup, CreditPhase.Profiling] as const) {
      const bounds = config.phases[phase];
      if (options.signal?.aborted) break;
      if (phase === CreditPhase.Warmup && !bounds.requests && !bounds.duration_s) continue;
      const outcome = await orchestrator.runPhase(
        phase,
        {
          ...(bounds.requests === undefined ? {} : { expected: bounds.requests }),
          ...(bounds.timeout_s === undefined ? {} : { timeoutMs: bounds.timeout_s * 1000 }),
        },
        async (ctx) => {
          const sender = new PhaseSender(
            ctx,
            {
              endpoint,
              execute: (job, signal) => serviceManager.execute(job, signal),
              sampler,
              dataset: turns,
              model: config.endpoint.model,
              streaming: config.endpoint.streaming,
            },
            {
              requests: bounds.requests,
              durationMs: bounds.duration_s === undefined ? undefined : bounds.duration_s * 1000,
              interrupt: options.signal,
              graceMs: options.graceMs ?? 2000,
            },
          );
          ui.start(phase, bounds.requests);
          const ticker = setInterval(() => ui.update(ctx.tracker.createStats()), 200);
          try {
            await serviceManager.run(sender);
            await ctx.sendingComplete();
            await sender.drain();
          } finally {
            clearInterval(ticker);
            ui.stop(ctx.tracker.createStats());
          }
          return sender.records;
        },
      );
      phases.push(outcome.stats);
      postProcessing.push(...outcome.postProcessing);
      if (phase === CreditPhase.Profiling) {
        profilingRecords = outcome.records;
        profilingStats = outcome.stats;
      }
    }
  } finally {
    if (opened) await serviceManager.close().catch((e: unknown) => app.logger.warn(`closing the service manager: ${String(e)}`));
    await mock?.stop().catch(() => undefined);
  }

  const metrics: RecordMetrics[] = profilingRecords.map((record) => {
    const merged: RecordMetrics = {};
    for (const processor of recordProcessors) Object.assign(merged, processor.process(record));
    return merged;
  });
  const stats = profilingStats ?? {
    phase: CreditPhase.Profiling,
    sent: 0,
    completed: 0,
    cancelled: 0,
    errors: 0,
    inFlight: 0,
    sentSessions: 0,
    timedOut: false,
  };
  const results: ProfileResults = {
    config: maskSecrets(JSON.parse(JSON.stringify(config)) as Record<string, unknown>),
    phases,
    metrics: resultsProcessors.flatMap((p) => p.summarize({ records: profilingRecords, metrics, stats })),
    errors: groupErrors(profilingRecords),
    hookFailures: { ...orchestrator.hookFailures },
    postProcessing,
    records: profilingRecords,
    startedAt: startedAt.toISOString(),
    durationS: (monotonicNs() - runStart) / 1e9,
    interrupted: options.signal?.aborted ?? false,
  };
  const dir = path.resolve(config.output.dir);
  const files: string[] = [];
  for (const exporter of dataExporters) files.push(...(await exporter.export(results, dir)));
  for (const exporter of consoleExporters) {
    const text = exporter.render(results);
    if (text) write(text);
  }
  const finished = stats.completed;
  const exitCode = results.interrupted ? 130 : finished > 0 && stats.errors === finished ? 1 : 0;
  return { results, files, exitCode };
}
