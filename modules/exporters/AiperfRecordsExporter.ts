import path from "node:path";
import {
  type DataExporter,
  Metric,
  monotonicNs,
  multiInject,
  optional,
  orderMetrics,
  type ProfileResults,
  type RecordMetric,
  type RecordMetrics,
  type RequestRecord,
  type RequestRecords,
} from "aiperf";
import { errorDetails } from "./aiperfErrors.js";
import { aiperfName } from "./aiperfNames.js";
import { writeLinesAtomic } from "./writeLinesAtomic.js";

/** Monotonic ns → epoch ns (AIPerf's records carry wall-clock times), by the clocks' offset now. */
function epochOffsetNs(): number {
  return Math.round((performance.timeOrigin + performance.now()) * 1e6) - monotonicNs();
}

/**
 * Built-in `aiperf_jsonl`: `profile_export.jsonl`, one line per profiling request in NVIDIA
 * AIPerf's shape: `metadata` (request start/end as epoch ns, the phase, cancellation, the token
 * count source), `metrics` (`{ tag: { value, unit } }` for each metric the request has; a list of
 * values for inter_chunk_latency) and `error` (`null`, or `{ code, type, message }`). Written
 * as a stream, one line at a time.
 */
export class AiperfRecordsExporter implements DataExporter {
  private readonly metrics: readonly RecordMetric[];

  constructor(@multiInject(Metric.token) @optional() metrics: Metric[] | undefined) {
    this.metrics = orderMetrics(metrics ?? []).filter((m): m is RecordMetric => m.kind === "record");
  }

  async export(results: ProfileResults, dir: string): Promise<string[]> {
    const file = path.join(dir, "profile_export.jsonl");
    await writeLinesAtomic(file, this.lines(results.records));
    return [file];
  }

  private *lines(records: RequestRecords): Generator<string> {
    const offset = epochOffsetNs();
    for (const record of records) yield `${JSON.stringify(this.line(record, offset))}\n`;
  }

  private line(record: RequestRecord, offset: number): Record<string, unknown> {
    const failed = record.error !== undefined || record.cancelled === true;
    return {
      metadata: {
        session_num: record.credit,
        conversation_id: record.turnId,
        turn_index: 0,
        request_start_ns: record.startNs + offset,
        request_end_ns: record.endNs + offset,
        worker_id: record.worker ?? null,
        benchmark_phase: record.phase,
        was_cancelled: record.cancelled === true,
        token_count_source: record.tokenCountSource ?? null,
      },
      metrics: failed ? { error_isl: { value: record.inputTokens, unit: "tokens" } } : this.values(record),
      error:
        record.error === undefined
          ? record.cancelled
            ? { code: 499, type: "RequestCancellationError", message: "request was cancelled" }
            : null
          : errorDetails(record.error),
    };
  }

  /** Every record metric the request has, in computation order, as `{ value, unit }`. */
  private values(record: RequestRecord): Record<string, { value: number | readonly number[]; unit: string }> {
    const computed: RecordMetrics = {};
    const out: Record<string, { value: number | readonly number[]; unit: string }> = {};
    for (const metric of this.metrics) {
      const value = metric.compute(record, computed);
      if (value === undefined) continue;
      computed[metric.tag] = value;
      const name = aiperfName(metric);
      out[name.tag] = { value: metric.samples?.(record) ?? value, unit: name.unit };
    }
    return out;
  }
}
