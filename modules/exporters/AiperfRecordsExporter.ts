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

/** Lines are joined into pieces of about this many characters before each write. */
const CHUNK_CHARS = 1 << 20;

/** Monotonic ns → epoch ns (AIPerf's records carry wall-clock times), by the clocks' offset now. */
function epochOffsetNs(): number {
  return Math.round((performance.timeOrigin + performance.now()) * 1e6) - monotonicNs();
}

/**
 * Built-in `aiperf_jsonl`: `profile_export.jsonl`, one line per profiling request in NVIDIA
 * AIPerf's shape: `metadata` (request start/end as epoch ns, the phase, cancellation, the token
 * count source), `metrics` (`{ tag: { value, unit } }` for each metric the request has; a list of
 * values for inter_chunk_latency) and `error` (`null`, or `{ code, type, message }`). Streamed
 * to disk in pieces of about 1 MB.
 */
export class AiperfRecordsExporter implements DataExporter {
  private readonly metrics: readonly RecordMetric[];
  /** Per metric, `"tag":{"value":` and `,"unit":"…"}`; undefined when the lines must go through `JSON.stringify` (see `plainKeys`). */
  private readonly pieces: readonly { open: string; close: string }[] | undefined;

  constructor(@multiInject(Metric.token) @optional() metrics: Metric[] | undefined) {
    this.metrics = orderMetrics(metrics ?? []).filter((m): m is RecordMetric => m.kind === "record");
    const names = this.metrics.map((m) => aiperfName(m));
    this.pieces = plainKeys(names.map((n) => n.tag))
      ? names.map((n) => ({ open: `${JSON.stringify(n.tag)}:{"value":`, close: `,"unit":${JSON.stringify(n.unit)}}` }))
      : undefined;
  }

  async export(results: ProfileResults, dir: string): Promise<string[]> {
    const file = path.join(dir, "profile_export.jsonl");
    await writeLinesAtomic(file, this.chunks(results.records));
    return [file];
  }

  /** The lines joined into pieces of about CHUNK_CHARS (fewer, larger writes). */
  private *chunks(records: RequestRecords): Generator<string> {
    const offset = epochOffsetNs();
    let chunk = "";
    for (const record of records) {
      chunk += this.text(record, offset);
      if (chunk.length >= CHUNK_CHARS) {
        yield chunk;
        chunk = "";
      }
    }
    if (chunk.length > 0) yield chunk;
  }

  /**
   * One line, exactly as `JSON.stringify(this.line(record))` writes it, written directly (no
   * nested objects per request) when the record has the usual field types.
   */
  private text(record: RequestRecord, offset: number): string {
    const failed = record.error !== undefined || record.cancelled === true;
    if (this.pieces === undefined || failed || !usual(record)) return `${JSON.stringify(this.line(record, offset))}\n`;
    let s = `{"metadata":{"session_num":${num(record.credit)},"conversation_id":${JSON.stringify(record.turnId)},"turn_index":0,"request_start_ns":${num(record.startNs + offset)},"request_end_ns":${num(record.endNs + offset)},"worker_id":${record.worker === undefined ? "null" : JSON.stringify(record.worker)},"benchmark_phase":${JSON.stringify(record.phase)},"was_cancelled":false,"token_count_source":${record.tokenCountSource === undefined ? "null" : JSON.stringify(record.tokenCountSource)}},"metrics":{`;
    const computed: RecordMetrics = {};
    let first = true;
    for (let m = 0; m < this.metrics.length; m++) {
      const metric = this.metrics[m] as RecordMetric;
      const value = metric.compute(record, computed);
      if (value === undefined) continue;
      computed[metric.tag] = value;
      const piece = this.pieces[m] as { open: string; close: string };
      const samples = metric.samples?.(record) ?? undefined;
      s += `${first ? "" : ","}${piece.open}${samples === undefined ? num(value) : JSON.stringify(samples)}${piece.close}`;
      first = false;
    }
    return `${s}},"error":null}\n`;
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

/** A number as `JSON.stringify` writes it. */
function num(value: number): string {
  return Number.isFinite(value) ? `${value}` : "null";
}

/** The field types the direct line assumes (anything else goes through `JSON.stringify`, which omits or converts). */
function usual(record: RequestRecord): boolean {
  return (
    typeof record.credit === "number" &&
    typeof record.turnId === "string" &&
    typeof record.startNs === "number" &&
    typeof record.endNs === "number" &&
    typeof record.phase === "string" &&
    (record.worker === undefined || typeof record.worker === "string") &&
    (record.tokenCountSource === undefined || typeof record.tokenCountSource === "string")
  );
}

/**
 * True when metric objects keyed by these tags list them in this order, once each: no repeated
 * tag (a later value would take the first one's place), no array index (those come first) and no
 * `__proto__` (not an own key).
 */
function plainKeys(tags: readonly string[]): boolean {
  return new Set(tags).size === tags.length && tags.every((t) => t !== "__proto__" && !/^(0|[1-9]\d*)$/.test(t));
}
