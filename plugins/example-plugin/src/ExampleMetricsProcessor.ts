import { type CreditPhase, type PhaseStats, type PostProcessor, type ProcessingResult, type RequestRecords, summarize } from "aiperf";

/**
 * Latency percentiles (ms) and success rate of a phase's requests. Records are read once, one at
 * a time, keeping only the numbers needed: a run of millions of records never becomes an array.
 */
export class ExampleMetricsProcessor implements PostProcessor {
  async process(phase: CreditPhase, records: RequestRecords, _stats: PhaseStats): Promise<ProcessingResult> {
    let finished = 0;
    const latenciesMs: number[] = [];
    for (const r of records) {
      if (r.cancelled) continue;
      finished++;
      if (r.error === undefined) latenciesMs.push((r.endNs - r.startNs) / 1e6);
    }
    const latency = summarize(latenciesMs);
    return {
      processor: "example_metrics",
      phase,
      data: {
        requests: finished,
        success_rate: finished === 0 ? 0 : latenciesMs.length / finished,
        latency_ms: latency ? { p50: latency.p50, p90: latency.p90, p99: latency.p99, avg: latency.avg } : null,
      },
    };
  }
}
