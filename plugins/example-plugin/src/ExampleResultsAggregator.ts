import type { CreditPhase, PhaseStats, PostProcessor, ProcessingResult, RequestRecords } from "aiperf";

/** Sums requests and errors across the phases seen so far in this app. */
export class ExampleResultsAggregator implements PostProcessor {
  private readonly perPhase = new Map<string, { requests: number; errors: number }>();

  async process(phase: CreditPhase, records: RequestRecords, _stats: PhaseStats): Promise<ProcessingResult> {
    let failed = 0;
    for (const r of records) if (r.error !== undefined) failed++;
    this.perPhase.set(phase, { requests: records.length, errors: failed });
    let requests = 0;
    let errors = 0;
    for (const p of this.perPhase.values()) {
      requests += p.requests;
      errors += p.errors;
    }
    return { processor: "example_results_aggregator", phase, data: { phases: [...this.perPhase.keys()], requests, errors } };
  }
}
