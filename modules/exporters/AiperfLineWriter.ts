import { Buffer } from "node:buffer";
import type { JsonBytes, RecordMetric, RecordMetrics, RequestRecord } from "aiperf";
import { EpochNs } from "./EpochNs.js";

/** A metric's `"tag":{"value":` and `,"unit":"…"}`, encoded. */
export interface Piece {
  open: Buffer;
  close: Buffer;
}

/** A record's line as an object (`JSON.stringify` of it is the line, but for the exact epoch times). */
export interface AiperfLine {
  metadata: Record<string, unknown>;
  metrics: unknown;
  error: unknown;
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
  notCancelled: ascii(',"was_cancelled":false,"token_count_source":'),
  cancelled: ascii(',"was_cancelled":true,"token_count_source":'),
  metrics: ascii('},"metrics":'),
  error: ascii(',"error":'),
  noError: ascii('},"error":null}\n'),
  close: ascii("}\n"),
  null: ascii("null"),
} as const;

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
 * Writes the `aiperf_jsonl` lines of one export as bytes: the metadata with exact epoch times,
 * each successful request's metrics computed from the record, a failed request's metrics and
 * error through `JSON.stringify`. A record with odd field types goes whole through
 * `JSON.stringify` of its reference line. (Reading the values the summaries were taken from
 * instead of computing them again was measured: no faster for JSON answers, and 70 MB more at a
 * million requests for the columns it reads.)
 */
export class AiperfLineWriter {
  /** Which metrics write a list of samples (a per-record call to each metric's `samples` is megamorphic). */
  private readonly listed: readonly boolean[];
  private readonly ids = new Map<string, Buffer>();
  private readonly epoch: EpochNs;

  constructor(
    private readonly metrics: readonly RecordMetric[],
    /** Undefined when the tags need `JSON.stringify`'s key order. */
    private readonly pieces: readonly Piece[] | undefined,
    /** The reference line of a record. */
    private readonly line: (record: RequestRecord) => AiperfLine,
    private readonly offsetNs: number,
  ) {
    this.epoch = new EpochNs(offsetNs);
    this.listed = metrics.map((m) => m.samples !== undefined);
  }

  write(out: JsonBytes, record: RequestRecord): void {
    const failed = record.error !== undefined || record.cancelled === true;
    if (this.pieces === undefined || !usual(record)) {
      out.bytes(utf8(`${JSON.stringify(this.line(record))}\n`));
      return;
    }
    this.metadata(out, record);
    if (failed) {
      const line = this.line(record);
      out.bytes(utf8(JSON.stringify(line.metrics)));
      out.bytes(P.error);
      out.bytes(utf8(JSON.stringify(line.error)));
      out.bytes(P.close);
      return;
    }
    out.byte(0x7b);
    this.values(out, record, this.pieces);
    out.bytes(P.noError);
  }

  /** The metrics a successful request has, in computation order. */
  private values(out: JsonBytes, record: RequestRecord, pieces: readonly Piece[]): void {
    const computed: RecordMetrics = {};
    let first = true;
    for (let m = 0; m < this.metrics.length; m++) {
      const metric = this.metrics[m] as RecordMetric;
      const value = metric.compute(record, computed);
      if (value === undefined) continue;
      computed[metric.tag] = value;
      const piece = pieces[m] as Piece;
      if (!first) out.byte(COMMA);
      first = false;
      out.bytes(piece.open);
      const samples = this.listed[m] ? metric.samples?.(record) : undefined;
      if (samples === undefined) out.number(value);
      else this.list(out, samples);
      out.bytes(piece.close);
    }
  }

  private metadata(out: JsonBytes, record: RequestRecord): void {
    out.bytes(P.session);
    out.number(record.credit);
    out.bytes(P.conversation);
    out.bytes(this.id(record.turnId));
    out.bytes(P.start);
    this.time(out, record.startNs);
    out.bytes(P.end);
    this.time(out, record.endNs);
    out.bytes(P.worker);
    out.bytes(record.worker === undefined ? P.null : this.id(record.worker));
    out.bytes(P.phase);
    out.bytes(this.id(record.phase));
    out.bytes(record.cancelled === true ? P.cancelled : P.notCancelled);
    out.bytes(record.tokenCountSource === undefined ? P.null : this.id(record.tokenCountSource));
    out.bytes(P.metrics);
  }

  /** An epoch time in exact digits; a time that is no whole ns goes as the number `JSON.stringify` writes. */
  private time(out: JsonBytes, ns: number): void {
    if (!this.epoch.write(out, ns)) out.number(ns + this.offsetNs);
  }

  private list(out: JsonBytes, values: readonly number[]): void {
    out.byte(OPEN);
    for (let k = 0; k < values.length; k++) {
      if (k > 0) out.byte(COMMA);
      out.number(values[k] as number);
    }
    out.byte(CLOSE);
  }

  /** A string as JSON, encoded (cached: ids, phases and sources repeat from line to line, a bounded number of them). */
  private id(text: string): Buffer {
    let bytes = this.ids.get(text);
    if (bytes === undefined) {
      if (this.ids.size >= 4096) this.ids.clear();
      bytes = utf8(JSON.stringify(text));
      this.ids.set(text, bytes);
    }
    return bytes;
  }
}
