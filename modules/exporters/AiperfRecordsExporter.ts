import { Buffer } from "node:buffer";
import path from "node:path";
import {
  type DataExporter,
  JsonBytes,
  Metric,
  monotonicNs,
  multiInject,
  optional,
  orderMetrics,
  type ProfileResults,
  type RecordMetric,
  type RecordMetrics,
  type RequestRecord,
} from "aiperf";
import { type AiperfLine, AiperfLineWriter, type Piece } from "./AiperfLineWriter.js";
import { errorDetails } from "./aiperfErrors.js";
import { aiperfName } from "./aiperfNames.js";
import { writeLinesAtomic } from "./writeLinesAtomic.js";

/** Lines are written into pieces of about this many bytes before each write. */
const CHUNK_BYTES = 1 << 20;

/** Monotonic ns → epoch ns (AIPerf's records carry wall-clock times), by the clocks' offset now. */
function epochOffsetNs(): number {
  return Math.round((performance.timeOrigin + performance.now()) * 1e6) - monotonicNs();
}

/**
 * Built-in `aiperf_jsonl`: `profile_export.jsonl`, one line per profiling request in NVIDIA
 * AIPerf's shape: `metadata` (request start/end as epoch ns, exact integers while the monotonic
 * clock is a safe integer; the phase, cancellation, the token count source), `metrics`
 * (`{ tag: { value, unit } }` for each metric the request has; a list of values for
 * inter_chunk_latency) and `error` (`null`, or `{ code, type, message }`). The lines are written
 * as bytes and streamed to disk in pieces of about 1 MB.
 */
export class AiperfRecordsExporter implements DataExporter {
  private readonly metrics: readonly RecordMetric[];
  /** Per metric, `"tag":{"value":` and `,"unit":"…"}` encoded; undefined when the lines must go through `JSON.stringify` (see `plainKeys`). */
  private readonly pieces: readonly Piece[] | undefined;

  constructor(@multiInject(Metric.token) @optional() metrics: Metric[] | undefined) {
    this.metrics = orderMetrics(metrics ?? []).filter((m): m is RecordMetric => m.kind === "record");
    const names = this.metrics.map((m) => aiperfName(m));
    this.pieces = plainKeys(names.map((n) => n.tag))
      ? names.map((n) => ({ open: Buffer.from(`${JSON.stringify(n.tag)}:{"value":`), close: Buffer.from(`,"unit":${JSON.stringify(n.unit)}}`) }))
      : undefined;
  }

  async export(results: ProfileResults, dir: string): Promise<string[]> {
    const file = path.join(dir, "profile_export.jsonl");
    await writeLinesAtomic(file, this.chunks(results));
    return [file];
  }

  /** The lines, in pieces of about CHUNK_BYTES. */
  private *chunks(results: ProfileResults): Generator<Buffer> {
    const lines = this.writer(epochOffsetNs());
    const out = new JsonBytes(CHUNK_BYTES + (CHUNK_BYTES >> 2));
    for (const record of results.records) {
      lines.write(out, record);
      if (out.length >= CHUNK_BYTES) yield out.take();
    }
    if (out.length > 0) yield out.take();
  }

  /** One line (the metrics computed from the record): `JSON.stringify(this.line(record, offset))` and a newline, but for exact epoch times. */
  text(record: RequestRecord, offset: number): string {
    const out = new JsonBytes(1024);
    this.writer(offset).write(out, record);
    return out.take().toString("utf8");
  }

  private writer(offset: number): AiperfLineWriter {
    return new AiperfLineWriter(this.metrics, this.pieces, (record) => this.line(record, offset), offset);
  }

  private line(record: RequestRecord, offset: number): AiperfLine {
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

/**
 * True when metric objects keyed by these tags list them in this order, once each: no repeated
 * tag (a later value would take the first one's place), no array index (those come first) and no
 * `__proto__` (not an own key).
 */
function plainKeys(tags: readonly string[]): boolean {
  return new Set(tags).size === tags.length && tags.every((t) => t !== "__proto__" && !/^(0|[1-9]\d*)$/.test(t));
}
