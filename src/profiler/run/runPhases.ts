import type { App } from "../../kernel/app/App.js";
import { type AppConfig, type PhaseConfig, phaseTimeoutS } from "../config/AppConfig.js";
import { CreditPhase } from "../model/CreditPhase.js";
import type { PhaseStats } from "../model/PhaseStats.js";
import type { ProcessingResult } from "../model/ProcessingResult.js";
import type { PhaseHealth } from "../model/ProfileResults.js";
import type { RequestRecords } from "../model/RequestRecords.js";
import type { Turn } from "../model/Turn.js";
import type { PhaseDriverContext, PhaseOrchestrator } from "../phases/PhaseOrchestrator.js";
import type { DatasetSampler } from "../protocols/DatasetSampler.js";
import type { Endpoint } from "../protocols/Endpoint.js";
import type { ServiceManager } from "../protocols/ServiceManager.js";
import type { Ui } from "../protocols/Ui.js";
import { PhaseSender } from "./PhaseSender.js";
import { RecentTtft } from "./RecentTtft.js";
import { RecordStore } from "./RecordStore.js";

/** What the phases of a run need, resolved before the first one. */
export interface PhaseParts {
  orchestrator: PhaseOrchestrator;
  endpoint: Endpoint;
  sampler: DatasetSampler;
  serviceManager: ServiceManager;
  ui: Ui;
  dataset: readonly Turn[];
  /** No tokenizer counts response texts (see `RequestJob.textsUnread`). */
  textsUnread?: boolean;
  /** The run's id on the phases' bus events. */
  correlationId?: string;
  /** The run's folder: token times of long runs move to a temporary file there (see `RecordStore`). */
  recordsDir?: string;
}

/** What the phases measured. */
export interface PhasesOutcome {
  phases: PhaseStats[];
  postProcessing: ProcessingResult[];
  /** Records and stats of the profiling phase (warm-up is excluded from metrics). */
  records: RequestRecords;
  stats: PhaseStats | undefined;
  /** Plugin health checked after each phase that ran. */
  health: PhaseHealth[];
}

/** Runs warm-up (when it has bounds) then profiling, stopping early when `interrupt` aborts. */
export async function runPhases(app: App<AppConfig>, parts: PhaseParts, interrupt: AbortSignal | undefined, graceMs: number): Promise<PhasesOutcome> {
  const outcome: PhasesOutcome = { phases: [], postProcessing: [], records: [], stats: undefined, health: [] };
  for (const phase of [CreditPhase.Warmup, CreditPhase.Profiling] as const) {
    const bounds = app.config.phases[phase];
    if (interrupt?.aborted) break;
    if (phase === CreditPhase.Warmup && !bounds.requests && !bounds.duration_s) continue;
    const result = await parts.orchestrator.runPhase(
      phase,
      {
        ...(bounds.requests === undefined ? {} : { expected: bounds.requests }),
        ...timeoutOption(bounds),
        ...(parts.correlationId === undefined ? {} : { correlationId: parts.correlationId }),
      },
      (ctx) => drivePhase(app, parts, ctx, interrupt, graceMs),
    );
    const { startNs, endNs } = result.stats;
    if (startNs !== undefined && endNs !== undefined)
      app.logger.debug(`phase ${phase}: ${((endNs - startNs) / 1e9).toFixed(3)} s, ${result.stats.completed} completed`);
    outcome.phases.push(result.stats);
    outcome.postProcessing.push(...result.postProcessing);
    if (phase === CreditPhase.Profiling) {
      outcome.records = result.records;
      outcome.stats = result.stats;
    } else if (result.records instanceof RecordStore) result.records.close();
    outcome.health.push(await healthAfter(app, phase));
  }
  return outcome;
}

/** Plugin health between phases: recorded in the results, a warning when not ok, never fatal. */
async function healthAfter(app: App<AppConfig>, phase: string): Promise<PhaseHealth> {
  const report = await app.health();
  if (report.status !== "ok") {
    const bad = Object.entries(report.plugins).filter(([, h]) => h.status !== "ok");
    app.logger.warn(`plugin health after ${phase}: ${bad.map(([name, h]) => `${name} ${h.status}${h.detail ? ` (${h.detail})` : ""}`).join(", ")}`);
  }
  return { after: phase, ...report };
}

function timeoutOption(bounds: PhaseConfig): { timeoutMs?: number } {
  const seconds = phaseTimeoutS(bounds);
  return seconds === undefined ? {} : { timeoutMs: seconds * 1000 };
}

/** One phase: the service manager issues credits through a sender, the UI shows progress. */
async function drivePhase(
  app: App<AppConfig>,
  parts: PhaseParts,
  ctx: PhaseDriverContext,
  interrupt: AbortSignal | undefined,
  graceMs: number,
): Promise<RequestRecords> {
  const { config } = app;
  const bounds = config.phases[ctx.tracker.phase];
  const ttft = new RecentTtft();
  const sender = new PhaseSender(
    ctx,
    {
      endpoint: parts.endpoint,
      execute: (job, signal) => parts.serviceManager.execute(job, signal),
      sampler: parts.sampler,
      dataset: parts.dataset,
      model: config.endpoint.model,
      streaming: config.endpoint.streaming,
      ...(Object.keys(config.endpoint.extra_inputs).length > 0 ? { extraInputs: config.endpoint.extra_inputs } : {}),
      ...(parts.textsUnread === true ? { textsUnread: true } : {}),
      ...(parts.recordsDir === undefined ? {} : { records: { tokenDir: parts.recordsDir, onTokenFileError: (message: string) => app.logger.warn(message) } }),
      observe: (record) => ttft.add(record),
    },
    { requests: bounds.requests, durationMs: bounds.duration_s === undefined ? undefined : bounds.duration_s * 1000, interrupt, graceMs },
  );
  const live = () => {
    const p50 = ttft.p50Ms();
    return p50 === undefined ? {} : { ttftP50Ms: p50 };
  };
  parts.ui.start(ctx.tracker.phase, bounds.requests, bounds.duration_s === undefined ? {} : { durationS: bounds.duration_s });
  const ticker = setInterval(() => parts.ui.update(ctx.tracker.createStats(), live()), 200);
  try {
    await parts.serviceManager.run(sender);
    await ctx.sendingComplete();
    await sender.drain();
  } finally {
    clearInterval(ticker);
    parts.ui.stop(ctx.tracker.createStats(), live());
  }
  return sender.records;
}
