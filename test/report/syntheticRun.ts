import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";

/** A run folder written the way `aiperf profile` writes one, with made-up but self-consistent numbers. */
export interface SyntheticRun {
  requests: number;
  /** Every n-th request fails. */
  failEvery?: number;
  /** Metrics as the export lists them (tags, units and percentile fields vary between versions). */
  metrics?: Record<string, unknown>[];
  config?: Record<string, unknown>;
}

export const DEFAULT_METRICS = [
  { tag: "request_latency", header: "Request latency", unit: "ms", count: 1, avg: 60, p50: 58.25, p90: 70.5, p99: 81.125 },
  { tag: "time_to_first_token", header: "Time to first token", unit: "ms", count: 1, avg: 21, p50: 20.5, p90: 24.75, p99: 29.375 },
  { tag: "inter_token_latency", header: "Inter-token latency", unit: "ms", count: 1, avg: 5, p50: 4.875, p90: 5.5, p99: 6.25 },
  { tag: "output_token_throughput", header: "Output token throughput", unit: "tokens/s", count: 1, avg: 3996 },
];

/**
 * Writes `profile_export.json` and `profile_records.jsonl` into `dir`: one request per ms from
 * time zero, 4 chunks each, every `failEvery`-th failing.
 */
export function writeSyntheticRun(dir: string, run: SyntheticRun): void {
  mkdirSync(dir, { recursive: true });
  const zero = 5_000_000_000_000;
  const failed = run.failEvery ? Math.floor(run.requests / run.failEvery) : 0;
  const span = run.requests * 1e6 + 80e6;
  const exported = {
    config: run.config ?? {
      endpoint: { type: "openai_chat", url: "http://127.0.0.1:8000", model: "m", streaming: true },
      timing: { strategy: "concurrency", concurrency: 64 },
    },
    phases: [
      {
        phase: "warmup",
        sent: 4,
        completed: 4,
        errors: 0,
        cancelled: 0,
        startNs: zero - 1e9,
        sendingCompleteNs: zero - 5e8,
        endNs: zero - 1e8,
        timedOut: false,
      },
      {
        phase: "profiling",
        sent: run.requests,
        completed: run.requests,
        errors: failed,
        cancelled: 0,
        startNs: zero,
        sendingCompleteNs: zero + span - 80e6,
        endNs: zero + span,
        timedOut: false,
      },
    ],
    metrics: run.metrics ?? DEFAULT_METRICS,
    errors: failed > 0 ? [{ message: "HTTP 500 from POST /v1/chat/completions: overloaded", count: failed }] : [],
    hookFailures: {},
    startedAt: "2026-11-23T08:00:00.000Z",
    durationS: span / 1e9 + 2,
    interrupted: false,
    request_count: run.requests,
  };
  writeFileSync(path.join(dir, "profile_export.json"), JSON.stringify(exported, null, 2));
  const lines: string[] = [];
  for (let i = 0; i < run.requests; i++) {
    const start = zero + i * 1e6;
    const ttft = 18e6 + (i % 97) * 1e5;
    const fails = run.failEvery !== undefined && i % run.failEvery === run.failEvery - 1;
    const tokenNs = fails ? [] : [0, 1, 2, 3].map((k) => start + ttft + k * 5e6);
    const end = fails ? start + 3e6 : start + ttft + 15e6 + (i % 13) * 1e6;
    const record: Record<string, unknown> = {
      phase: "profiling",
      credit: i,
      turnId: `t${i}`,
      startNs: start,
      tokenNs,
      endNs: end,
      inputTokens: 16,
      outputTokens: fails ? 0 : 4,
    };
    if (!fails) record.firstTokenNs = start + ttft;
    else record.error = "HTTP 500 from POST /v1/chat/completions: overloaded";
    lines.push(JSON.stringify(record));
  }
  writeFileSync(path.join(dir, "profile_records.jsonl"), `${lines.join("\n")}\n`);
}
