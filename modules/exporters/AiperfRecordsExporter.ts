import { Buffer } from "node:buffer";
import path from "node:path";
import {
  type DataExporter,
  JsonBytes,
  Metric,
  metricColumn,
  monotonicNs,
  multiInject,
  optional,
  orderMetrics,
  type ProfileResults,
  type RecordMetric,
  type RecordMetrics,
  type RecordMetricsList,
  type RequestRecord,
} from "aiperf";
import { errorDetails } from "./aiperfErrors.js";
import { aiperfName } from "./aiperfNames.js";
import { writeLinesAtomic } from "./writeLinesAtomic.js";

/** Lines are written into pieces of about this many bytes before each write. */
const CHUNK_BYTES = 1 << 20;
/** Turn ids kept encoded: a dataset's ids repeat across its requests; a trace's may not, so the cache is bounded. */
const ID_CACHE = 4096;

/** A metric's `"tag":{"value":` and `,"unit":"…"}`, encoded. */
interface Piece {
  open: Buffer;
  close: Buffer;
}

const ascii = (text: string) => Buffer.from(text, "latin1");
const utf8 = (json: string) => Buffer.from(json, "utf8");
const COMMA = 0x2c;
const OPEN = 0x5b;
const CLOSE = 0x5d;

/** The fixed parts of a line, encoded once. */
const P = {
  session: ascii('{"metadata":{"session_num":'),
  conversation: ascii(',"conversation_id":'),
  start: ascii(',"turn_index":0,"request_start_ns":'),
  end: ascii(',"request_end_ns":'),
  worker: ascii(',"worker_id":'),
  phase: ascii(',"benchmark_phase":'),
  source: ascii(',"was_cancelled":false,"token_count_source":'),
  metrics: ascii('},"metrics":{'),
  close: ascii('},"error":null}\n'),
  null: ascii("null"),
} as const;

/** Monotonic ns → epoch ns (AIPerf's records carry wall-clock times), by the clocks' offset now. */
function epochOffsetNs(): number {
  return Math.round((performance.timeOrigin + performance.now()) * 1e6) - monotonicNs();
}

/**
 * Built-in `aiperf_jsonl`: `profile_export.jsonl`, one line per profiling request in NVIDIA
 * AIPerf's shape: `metadata` (request start/end as epoch ns, the phase, cancellation, the token
 * count source), `metrics` (`{ tag: { value, unit } }` for each metric the request has; a list of
 * values for inter_chunk_latency) and `error` (`null`, or `{ code, type, message }`). The values
 * are the ones the summaries were taken from (`ProfileResults.recordMetrics`), not computed again;
 * the lines are written as bytes and streamed to disk in pieces of about 1 MB.
 */
export class AiperfRecordsExporter implements DataExporter {
  private readonly metrics: readonly RecordMetric[];
  /** Per metric, `"tag":{"value":` and `,"unit":"…"}` encoded; undefined when the lines must go through `JSON.stringify` (see `plainKeys`). */
  private readonly pieces: readonly Piece[] | undefined;

  constructor(@multiInject(Metric.token) @optional() metrics: Metric[] | undefined) {
    this.metrics = orderMetrics(metrics ?? []).filter((m): m is RecordMetric => m.kind === "record");
    const names = this.metrics.map((m) => aiperfName(m));
    this.pieces = plainKeys(names.map((n) => n.tag))
      ? names.map((n) => ({ open: utf8(`${JSON.stringify(n.tag)}:{"value":`), close: utf8(`,"unit":${JSON.stringify(n.unit)}}`) }))
      : undefined;
  }

  async export(results: ProfileResults, dir: string): Promise<string[]> {
    const file = path.join(dir, "profile_export.jsonl");
    await writeLinesAtomic(file, this.chunks(results));
    return [file];
  }

  /** The lines, in pieces of about CHUNK_BYTES. */
  private *chunks(results: ProfileResults): Generator<Buffer> {
    const lines = this.writer(epochOffsetNs(), results.recordMetrics);
    const out = new JsonBytes(CHUNK_BYTES + (CHUNK_BYTES >> 2));
    let i = 0;
    for (const record of results.records) {
      lines.write(out, record, i++);
      if (out.length >= CHUNK_BYTES) yield out.take();
    }
    if (out.length > 0) yield out.take();
  }

  /** One line, as `JSON.stringify(this.line(record, offset))` and a newline, the metrics computed from the record. */
  text(record: RequestRecord, offset: number): string {
    const out = new JsonBytes(1024);
    this.writer(offset, undefined).write(out, record, 0);
    return out.take().toString("utf8");
  }

  private writer(offset: number, recordMetrics: RecordMetricsList | undefined): LineWriter {
    return new LineWriter(this.metrics, this.pieces, (record) => this.line(record, offset), offset, recordMetrics);
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

/**
 * Writes lines for one export: each successful request's metric values read from the run's
 * columns when there are any (else computed from the record), everything but the epoch times
 * written as bytes without a string.
 */
class LineWriter {
  private readonly columns: (ArrayLike<number> | undefined)[] | undefined;
  private readonly ids = new Map<string, Buffer>();

  constructor(
    private readonly metrics: readonly RecordMetric[],
    private readonly pieces: readonly Piece[] | undefined,
    /** The reference line, for the lines written through `JSON.stringify`. */
    private readonly line: (record: RequestRecord) => Record<string, unknown>,
    private readonly offset: number,
    recordMetrics: RecordMetricsList | undefined,
  ) {
    this.columns = recordMetrics === undefined ? undefined : this.metrics.map((m) => metricColumn(recordMetrics, m.tag));
  }

  write(out: JsonBytes, record: RequestRecord, index: number): void {
    const failed = record.error !== undefined || record.cancelled === true;
    if (this.pieces === undefined || failed || !usual(record)) {
      out.bytes(utf8(`${JSON.stringify(this.line(record))}\n`));
      return;
    }
    this.metadata(out, record);
    const columns = this.columns;
    const computed: RecordMetrics | undefined = columns === undefined ? {} : undefined;
    let first = true;
    for (let m = 0; m < this.metrics.length; m++) {
      const metric = this.metrics[m] as RecordMetric;
      let value: number | undefined;
      if (columns === undefined) {
        value = metric.compute(record, computed as RecordMetrics);
        if (value === undefined) continue;
        (computed as RecordMetrics)[metric.tag] = value;
      } else {
        value = (columns[m] as ArrayLike<number>)[index] as number;
        if (Number.isNaN(value)) continue;
      }
      const piece = this.pieces[m] as Piece;
      if (!first) out.byte(COMMA);
      first = false;
      out.bytes(piece.open);
      const samples = metric.samples?.(record);
      if (samples === undefined) out.number(value);
      else this.list(out, samples);
      out.bytes(piece.close);
    }
    out.bytes(P.close);
  }

  private metadata(out: JsonBytes, record: RequestRecord): void {
    out.bytes(P.session);
    out.number(record.credit);
    out.bytes(P.conversation);
    out.bytes(this.id(record.turnId));
    out.bytes(P.start);
    out.number(record.startNs + this.offset);
    out.bytes(P.end);
    out.number(record.endNs + this.offset);
    out.bytes(P.worker);
    out.bytes(record.worker === undefined ? P.null : this.id(record.worker));
    out.bytes(P.phase);
    out.bytes(this.id(record.phase));
    out.bytes(P.source);
    out.bytes(record.tokenCountSource === undefined ? P.null : this.id(record.tokenCountSource));
    out.bytes(P.metrics);
  }

  private list(out: JsonBytes, values: readonly number[]): void {
    out.byte(OPEN);
    for (let k = 0; k < values.length; k++) {
      if (k > 0) out.byte(COMMA);
      out.number(values[k] as number);
    }
    out.byte(CLOSE);
  }

  /** A string as JSON, encoded (cached: ids, phases and sources repeat from line to line). */
  private id(text: string): Buffer {
    let bytes = this.ids.get(text);
    if (bytes === undefined) {
      if (this.ids.size >= ID_CACHE) this.ids.clear();
      bytes = utf8(JSON.stringify(text));
      this.ids.set(text, bytes);
    }
    return bytes;
  }
}
