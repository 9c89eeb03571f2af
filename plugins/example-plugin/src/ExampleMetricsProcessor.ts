import { type CreditPhase, type PhaseStats, type PostProcessor, type ProcessingResult, type RequestRecord, summarize } from "aiperf";

/** Latency percentiles (ms) and success rate of a phase's requests. */
export class ExampleMetricsProcessor implements PostProcessor {
  async process(phase: CreditPhase, records: readonly RequestRecord[], _stats: PhaseStats): Promise<ProcessingResult> {
    const finished = records.filter((r) => !r.cancelled);
    const ok = finished.filter((r) => r.error === undefined);
    const latency = summarize(ok.map((r) => (r.endNs - r.startNs) / 1e6));
    return {
      processor: "example_metrics",
      phase,
      data: {
        requests: finished.length,
        success_rate: finished.length === 0 ? 0 : ok.length / finished.length,
        latency_ms: latency ? { p50: latency.p50, p90: latency.p90, p99: latency.p99, avg: latency.avg } : null,
      },
    };
  }
}
