import type { App } from "../../kernel/app/App.js";
import { collectSecrets, maskSecrets, redact } from "../../kernel/config/maskSecrets.js";
import { monotonicNs } from "../../kernel/util/monotonicNs.js";
import type { AppConfig } from "../config/AppConfig.js";
import { ROUTED_SECTIONS } from "../config/AppConfig.js";
import { evaluateThresholds } from "../metrics/evaluateThresholds.js";
import type { Threshold } from "../metrics/Threshold.js";
import { CreditPhase } from "../model/CreditPhase.js";
import type { PhaseStats } from "../model/PhaseStats.js";
import type { ProfileResults } from "../model/ProfileResults.js";
import type { RequestRecord } from "../model/RequestRecord.js";
import type { RequestRecords } from "../model/RequestRecords.js";
import type { RecordProcessor } from "../protocols/RecordProcessor.js";
import type { ResultsProcessor } from "../protocols/ResultsProcessor.js";
import { errorGroupKey } from "./errorGroupKey.js";
import { MetricColumns } from "./MetricColumns.js";
import { RecordStore } from "./RecordStore.js";
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
function groupErrors(records: RequestRecords): ProfileResults["errors"] {
  const groups = new Map<string, { count: number; example: string; varied: boolean }>();
  // Each distinct text once (a million failed requests usually share a handful of messages).
  for (const [error, count] of errorCounts(records)) {
    if (count === 0) continue;
    const key = errorGroupKey(error);
    const group = groups.get(key);
    if (group) {
      group.count += count;
      group.varied ||= group.example !== error;
    } else groups.set(key, { count, example: error, varied: false });
  }
  return [...groups]
    .map(([key, g]) => (g.varied ? { message: key, count: g.count, example: g.example } : { message: g.example, count: g.count }))
    .sort((a, b) => b.count - a.count || a.message.localeCompare(b.message));
}

/** Each distinct error text with its number of records, in the order of first occurrence. */
function errorCounts(records: RequestRecords): Iterable<[string, number]> {
  if (records instanceof RecordStore) return records.errorCounts();
  const counts = new Map<string, number>();
  for (const r of records) if (r.error !== undefined) counts.set(r.error, (counts.get(r.error) ?? 0) + 1);
  return counts;
}

/**
 * Config secrets (and URL credentials) a server may echo back never leave in an error text: the
 * store's error texts are rewritten in place, so every export reads redacted records.
 */
function redactRecordErrors(records: RequestRecords, secrets: readonly string[]): void {
  if (secrets.length === 0) return;
  if (records instanceof RecordStore) records.rewriteErrors((error) => redact(error, secrets));
  else if (Array.isArray(records)) for (const r of records as RequestRecord[]) if (r.error !== undefined) r.error = redact(r.error, secrets);
}

/**
 * Every record processor over every record, row by row (one short-lived record and one values
 * object per request), each value written into its metric's column: no object per request stays.
 */
function recordMetrics(records: RequestRecords, processors: readonly RecordProcessor[]): MetricColumns {
  const metrics = new MetricColumns(records.length);
  let i = 0;
  for (const record of records) {
    for (const processor of processors) {
      const values = processor.process(record);
      for (const tag in values) {
        const value = values[tag];
        if (value !== undefined) metrics.set(i, tag, value);
      }
    }
    i++;
  }
  return metrics;
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
  const start = monotonicNs();
  const metrics = recordMetrics(records, parts.recordProcessors);
  const stats = measured.stats ?? NO_STATS;
  const recordNs = monotonicNs();
  const summary = parts.resultsProcessors.flatMap((p) => p.summarize({ records, metrics, stats }));
  // The end of a large run is timed part by part (see runProfile's "end of run" line).
  app.logger.debug(`results: record metrics ${((recordNs - start) / 1e9).toFixed(3)} s, summaries ${((monotonicNs() - recordNs) / 1e9).toFixed(3)} s`);
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
