import type { App } from "../../kernel/app/App.js";
import { collectSecrets, maskSecrets, redact } from "../../kernel/config/maskSecrets.js";
import type { AppConfig } from "../config/AppConfig.js";
import { ROUTED_SECTIONS } from "../config/AppConfig.js";
import { evaluateThresholds } from "../metrics/evaluateThresholds.js";
import type { Threshold } from "../metrics/Threshold.js";
import { CreditPhase } from "../model/CreditPhase.js";
import type { RecordMetrics } from "../model/MetricResult.js";
import type { PhaseStats } from "../model/PhaseStats.js";
import type { ProfileResults } from "../model/ProfileResults.js";
import type { RequestRecord } from "../model/RequestRecord.js";
import type { RecordProcessor } from "../protocols/RecordProcessor.js";
import type { ResultsProcessor } from "../protocols/ResultsProcessor.js";
import { errorGroupKey } from "./errorGroupKey.js";
import type { PhasesOutcome } from "./runPhases.js";

/** What turns records into results. */
export interface ResultParts {
  recordProcessors: RecordProcessor[];
  resultsProcessors: ResultsProcessor[];
  /** The run's parsed `--threshold`s, checked against the metrics. */
  thresholds?: readonly Threshold[];
}

const NO_STATS: PhaseStats = { phase: CreditPhase.Profiling, sent: 0, completed: 0, cancelled: 0, errors: 0, inFlight: 0, sentSessions: 0, timedOut: false };

/**
 * Groups error messages by their template (ids and varying numbers replaced), most frequent first;
 * a group whose messages differ keeps its first message as an example.
 */
function groupErrors(records: readonly RequestRecord[]): ProfileResults["errors"] {
  const groups = new Map<string, { count: number; example: string; varied: boolean }>();
  for (const r of records) {
    if (r.error === undefined) continue;
    const key = errorGroupKey(r.error);
    const group = groups.get(key);
    if (group) {
      group.count++;
      group.varied ||= group.example !== r.error;
    } else groups.set(key, { count: 1, example: r.error, varied: false });
  }
  return [...groups]
    .map(([key, g]) => (g.varied ? { message: key, count: g.count, example: g.example } : { message: g.example, count: g.count }))
    .sort((a, b) => b.count - a.count || a.message.localeCompare(b.message));
}

/** Config secrets (and URL credentials) a server may echo back never leave in an error text. */
function redactRecordErrors(records: RequestRecord[], secrets: readonly string[]): void {
  if (secrets.length === 0) return;
  for (const r of records) if (r.error !== undefined) r.error = redact(r.error, secrets);
}

/**
 * The run's config as exported: the profiler's sections, each routed section completed with the
 * selected implementation's validated keys (so `timing.concurrency` and `endpoint.mock.ttft_ms`
 * show), secrets masked.
 */
async function exportedConfig(app: App<AppConfig>): Promise<Record<string, unknown>> {
  const config = JSON.parse(JSON.stringify(app.config)) as Record<string, unknown>;
  for (const { path: sectionPath, protocol } of ROUTED_SECTIONS) {
    const own = (await app.configOf(protocol).catch(() => undefined)) as Record<string, unknown> | undefined;
    let parent = config;
    for (const key of sectionPath.slice(0, -1)) parent = (parent[key] ?? {}) as Record<string, unknown>;
    const last = sectionPath[sectionPath.length - 1] as string;
    parent[last] = { ...(parent[last] as Record<string, unknown>), ...JSON.parse(JSON.stringify(own ?? {})) };
  }
  return maskSecrets(config);
}

/** Per-record metrics, then every results processor over the profiling phase. */
export async function buildResults(
  app: App<AppConfig>,
  parts: ResultParts,
  measured: PhasesOutcome,
  hookFailures: Record<string, number>,
  run: { startedAt: Date; durationS: number; interrupted: boolean },
): Promise<ProfileResults> {
  const records = measured.records;
  redactRecordErrors(records, collectSecrets(app.loadedConfig.raw));
  const metrics: RecordMetrics[] = records.map((record) => {
    const merged: RecordMetrics = {};
    for (const processor of parts.recordProcessors) Object.assign(merged, processor.process(record));
    return merged;
  });
  const stats = measured.stats ?? NO_STATS;
  const summary = parts.resultsProcessors.flatMap((p) => p.summarize({ records, metrics, stats }));
  const thresholds = parts.thresholds ?? [];
  return {
    config: await exportedConfig(app),
    phases: measured.phases,
    metrics: summary,
    errors: groupErrors(records),
    hookFailures: { ...hookFailures },
    ...(thresholds.length > 0 ? { thresholds: evaluateThresholds(thresholds, summary) } : {}),
    health: measured.health,
    postProcessing: measured.postProcessing,
    records,
    startedAt: run.startedAt.toISOString(),
    durationS: run.durationS,
    interrupted: run.interrupted,
  };
}
