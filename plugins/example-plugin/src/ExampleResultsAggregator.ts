import type { CreditPhase, PhaseStats, PostProcessor, ProcessingResult, RequestRecord } from "aiperf";

/** Sums requests and errors across the phases seen so far in this app. */
export class ExampleResultsAggregator implements PostProcessor {
  private readonly perPhase = new Map<string, { requests: number; errors: number }>();

  async process(phase: CreditPhase, records: readonly RequestRecord[], _stats: PhaseStats): Promise<ProcessingResult> {
    this.perPhase.set(phase, { requests: records.length, errors: records.filter((r) => r.error !== undefined).length });
    let requests = 0;
    let errors = 0;
    for (const p of this.perPhase.values()) {
      requests += p.requests;
      errors += p.errors;
    }
    return { processor: "example_results_aggregator", phase, data: { phases: [...this.perPhase.keys()], requests, errors } };
  }
}
