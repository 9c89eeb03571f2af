import { type MetricResult, type ResultsInput, type ResultsProcessor, summarize } from "aiperf";

const PER_REQUEST: { tag: string; header: string; unit: string }[] = [
  { tag: "request_latency", header: "Request latency", unit: "ms" },
  { tag: "time_to_first_token", header: "Time to first token", unit: "ms" },
  { tag: "inter_token_latency", header: "Inter-token latency", unit: "ms" },
  { tag: "output_sequence_length", header: "Output tokens per request", unit: "tokens" },
  { tag: "input_sequence_length", header: "Input tokens per request", unit: "tokens" },
  { tag: "schedule_slip", header: "Schedule slip (sent late by)", unit: "ms" },
];

/**
 * Built-in `metric_results`: exact statistics (avg, min, max, std, p50–p99) of each per-request
 * metric, plus throughputs and errors over the phase's duration (first send to last response).
 */
export class MetricResultsProcessor implements ResultsProcessor {
  summarize(input: ResultsInput): MetricResult[] {
    const results: MetricResult[] = [];
    for (const { tag, header, unit } of PER_REQUEST) {
      const values: number[] = [];
      for (const m of input.metrics) {
        const v = m[tag];
        if (v !== undefined) values.push(v);
      }
      if (values.length === 0 && tag === "schedule_slip") continue; // only trace replay has a schedule
      const s = summarize(values);
      results.push({
        tag,
        header,
        unit,
        count: values.length,
        ...(s ? { avg: s.avg, min: s.min, max: s.max, std: s.std, p50: s.p50, p90: s.p90, p95: s.p95, p99: s.p99 } : {}),
      });
    }
    const { stats, records } = input;
    const durationS = stats.startNs !== undefined && stats.endNs !== undefined ? (stats.endNs - stats.startNs) / 1e9 : 0;
    let outputTokens = 0;
    let ok = 0;
    for (const r of records) {
      if (r.error === undefined && !r.cancelled) {
        ok++;
        outputTokens += r.outputTokens;
      }
    }
    const finished = records.filter((r) => !r.cancelled).length;
    const errors = finished - ok;
    const single = (tag: string, header: string, unit: string, value: number): MetricResult => ({ tag, header, unit, count: 1, avg: value });
    if (durationS > 0) {
      results.push(single("output_token_throughput", "Output token throughput", "tokens/s", outputTokens / durationS));
      results.push(single("request_throughput", "Request throughput", "requests/s", ok / durationS));
    }
    results.push(single("request_count", "Successful requests", "requests", ok));
    results.push(single("error_count", "Errors", "requests", errors));
    results.push(single("error_rate", "Error rate", "fraction", finished === 0 ? 0 : errors / finished));
    if (stats.cancelled > 0) results.push(single("cancelled_count", "Cancelled", "requests", stats.cancelled));
    return results;
  }
}
