import type { CreditPhase, PhaseStats, PostProcessor, ProcessingResult, RequestRecord } from "aiperf";

/** One worker's share of a phase. */
export interface WorkerCount {
  requests: number;
  errors: number;
}

/**
 * Built-in post-processor `worker_counts` (auto-loaded): how many of a phase's requests each
 * worker (process or thread) executed and how many of them failed, so `profile_export.json`
 * shows the load spread and which worker lost requests. Empty when the main thread ran them all.
 */
export class WorkerCountsProcessor implements PostProcessor {
  async process(phase: CreditPhase, records: readonly RequestRecord[], _stats: PhaseStats): Promise<ProcessingResult> {
    const workers: Record<string, WorkerCount> = {};
    for (const record of records) {
      if (record.worker === undefined) continue;
      const count = workers[record.worker] ?? { requests: 0, errors: 0 };
      workers[record.worker] = count;
      count.requests++;
      if (record.error !== undefined) count.errors++;
    }
    const sorted = Object.fromEntries(Object.entries(workers).sort(([a], [b]) => a.localeCompare(b, "en", { numeric: true })));
    return { processor: "worker_counts", phase, data: { workers: sorted } };
  }
}
