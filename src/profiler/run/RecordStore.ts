import { Buffer } from "node:buffer";
import type { CreditPhase } from "../model/CreditPhase.js";
import type { RequestRecord } from "../model/RequestRecord.js";
import type { RequestRecords } from "../model/RequestRecords.js";
import { atIndex } from "./atIndex.js";
import { BlockColumn } from "./BlockColumn.js";
import { BlockFile } from "./BlockFile.js";
import type { JsonBytes } from "./JsonBytes.js";
import { StringTable } from "./StringTable.js";
import { TokenTimes } from "./TokenTimes.js";

/** Token times of one record kept in the scratch array between lines: more is let go after its line. */
const SCRATCH_KEPT = 65_536;
/** Bits of the flags column: which optional fields a record has, and its booleans. */
const F = {
  issued: 1 << 0,
  /** issuedNs did not round-trip as `startNs − delta`: kept whole in `issuedAbs`. */
  issuedAbs: 1 << 1,
  firstToken: 1 << 2,
  /** firstTokenNs is tokenNs[0] (the usual case): not stored again. */
  firstTokenIsToken0: 1 << 3,
  firstContent: 1 << 4,
  /** firstContentNs is firstTokenNs (a response without reasoning): not stored again. */
  firstContentIsFirstToken: 1 << 5,
  reasoningTokens: 1 << 6,
  usage: 1 << 7,
  usagePrompt: 1 << 8,
  usageCompletion: 1 << 9,
  usageReasoning: 1 << 10,
  requested: 1 << 11,
  streaming: 1 << 12,
  streamingTrue: 1 << 13,
  worker: 1 << 14,
  status: 1 << 15,
  error: 1 << 16,
  cancelled: 1 << 17,
  cancelledTrue: 1 << 18,
  scheduled: 1 << 19,
  inFlight: 1 << 20,
  source: 1 << 21,
} as const;

const COMMA = 0x2c;
const CLOSE = 0x7d;
const ascii = (text: string) => Buffer.from(text, "latin1");

/** The keys of a record's JSON line with their punctuation, encoded once. */
const K = {
  phase: ascii('{"phase":'),
  credit: ascii(',"credit":'),
  turnId: ascii(',"turnId":'),
  startNs: ascii(',"startNs":'),
  issuedNs: ascii(',"issuedNs":'),
  firstTokenNs: ascii(',"firstTokenNs":'),
  firstContentNs: ascii(',"firstContentNs":'),
  tokenNs: ascii(',"tokenNs":['),
  endNs: ascii('],"endNs":'),
  inputTokens: ascii(',"inputTokens":'),
  outputTokens: ascii(',"outputTokens":'),
  reasoningTokens: ascii(',"reasoningTokens":'),
  tokenCountSource: ascii(',"tokenCountSource":'),
  usage: ascii(',"usage":{'),
  promptTokens: ascii('"promptTokens":'),
  completionTokens: ascii('"completionTokens":'),
  usageReasoningTokens: ascii('"reasoningTokens":'),
  requestedOutputTokens: ascii(',"requestedOutputTokens":'),
  streamingTrue: ascii(',"streaming":true'),
  streamingFalse: ascii(',"streaming":false'),
  worker: ascii(',"worker":'),
  status: ascii(',"status":'),
  error: ascii(',"error":'),
  cancelledTrue: ascii(',"cancelled":true'),
  cancelledFalse: ascii(',"cancelled":false'),
  scheduledNs: ascii(',"scheduledNs":'),
  inFlightAtStart: ascii(',"inFlightAtStart":'),
  end: ascii("}\n"),
} as const;

/** Token gaps kept in memory before full blocks move to the records' folder: 4 million tokens, about 200,000 streams. */
const TOKEN_MEMORY_BYTES = 16 * 2 ** 20;

/** Where a `RecordStore` may keep token times that do not stay in memory. */
export interface RecordStoreOptions {
  /** A folder (the run's) for a temporary file of token times; absent: every time stays in memory. */
  tokenDir?: string;
  /** Bytes of token times kept in memory before the rest moves to `tokenDir` (default 16 MiB). */
  tokenMemoryBytes?: number;
  /** Told once when the file cannot be made or written: the times then stay in memory. */
  onTokenFileError?: (message: string) => void;
}

/** A record's tokenNs offsets are kept relative to the first token of its block of records. */
const RECORD_BLOCK_SHIFT = 14;

/**
 * The records of one phase in columns: fixed-size typed-array blocks per field (times Float64,
 * counts in byte blocks widened to Uint16/Uint32 as needed, a flags word for booleans and "field
 * present" bits), every record's token arrival times packed as gaps (TokenTimes: usually 4 bytes a token), and
 * repeated strings (turn ids, worker names, error texts, token-count sources, phases) interned.
 * About 50 bytes per non-streaming record, where a record object kept ~1,100 bytes of heap.
 * Appending copies a finished record in (the request path's short-lived object is then garbage);
 * `at(i)` builds an equal `RequestRecord` back. Texts kept only until token counting
 * (`outputText`, `reasoningText`) are not stored: append settled records.
 */
export class RecordStore implements RequestRecords {
  private count = 0;
  private readonly flags = new BlockColumn("uint");
  private readonly phaseIndex = new BlockColumn("uint");
  private readonly credit = new BlockColumn("uint");
  private readonly turnId = new BlockColumn("uint");
  private readonly startNs = new BlockColumn("float64");
  private readonly endNs = new BlockColumn("float64");
  /** startNs − issuedNs: the client's own delay, small. */
  private readonly issuedDelta = new BlockColumn("uint");
  private readonly issuedAbs = new BlockColumn("float64");
  private readonly firstTokenNs = new BlockColumn("float64");
  private readonly firstContentNs = new BlockColumn("float64");
  private readonly scheduledNs = new BlockColumn("float64");
  /** End of the record's tokens in `tokens`, relative to `tokenBase` of its record block. */
  private readonly tokenEnd = new BlockColumn("uint");
  private readonly tokenBase: number[] = [];
  /** Token times as gaps from the time before (the first from the record's start). */
  private readonly tokens: TokenTimes;
  private readonly inputTokens = new BlockColumn("uint");
  private readonly outputTokens = new BlockColumn("uint");
  private readonly reasoningTokens = new BlockColumn("uint");
  private readonly usagePrompt = new BlockColumn("uint");
  private readonly usageCompletion = new BlockColumn("uint");
  private readonly usageReasoning = new BlockColumn("uint");
  private readonly requested = new BlockColumn("uint");
  private readonly status = new BlockColumn("uint");
  private readonly inFlight = new BlockColumn("uint");
  private readonly worker = new BlockColumn("uint");
  private readonly error = new BlockColumn("uint");
  private readonly source = new BlockColumn("uint");
  private readonly phases = new StringTable();
  private readonly strings = new StringTable();
  private readonly errors = new StringTable();
  /** A record's token times while its line is written (kept between records up to SCRATCH_KEPT). */
  private readonly scratch: number[] = [];

  constructor(options: RecordStoreOptions = {}) {
    const dir = options.tokenDir;
    const keepBytes = options.tokenMemoryBytes ?? TOKEN_MEMORY_BYTES;
    this.tokens = new TokenTimes(dir === undefined ? undefined : { file: new BlockFile(dir, "token-times", options.onTokenFileError), keepBytes });
  }

  get length(): number {
    return this.count;
  }

  /** Resolves once token times being moved to the file are written. */
  written(): Promise<void> {
    return this.tokens.written();
  }

  /** Releases the temporary file of token times, if any: records are not read afterwards. */
  close(): void {
    this.tokens.close();
    this.scratch.length = 0;
  }

  /** Copies a finished, token-counted record in; returns its index. */
  append(record: RequestRecord): number {
    const i = this.count++;
    let flags = 0;
    const phase = this.phases.intern(record.phase);
    if (phase !== 0) this.phaseIndex.set(i, phase);
    this.credit.set(i, record.credit);
    this.turnId.set(i, this.strings.intern(record.turnId));
    this.startNs.set(i, record.startNs);
    this.endNs.set(i, record.endNs);
    if (record.issuedNs !== undefined) {
      flags |= F.issued;
      const delta = record.startNs - record.issuedNs;
      if (record.startNs - delta === record.issuedNs) this.issuedDelta.set(i, delta);
      else {
        flags |= F.issuedAbs;
        this.issuedAbs.set(i, record.issuedNs);
      }
    }
    flags |= this.appendTokens(i, record);
    flags |= this.appendCounts(i, record);
    if (record.scheduledNs !== undefined) {
      flags |= F.scheduled;
      this.scheduledNs.set(i, record.scheduledNs);
    }
    if (record.streaming !== undefined) flags |= F.streaming | (record.streaming ? F.streamingTrue : 0);
    if (record.cancelled !== undefined) flags |= F.cancelled | (record.cancelled ? F.cancelledTrue : 0);
    if (record.worker !== undefined) {
      flags |= F.worker;
      this.worker.set(i, this.strings.intern(record.worker));
    }
    if (record.status !== undefined) {
      flags |= F.status;
      this.status.set(i, record.status);
    }
    if (record.error !== undefined) {
      flags |= F.error;
      this.error.set(i, this.errors.intern(record.error));
    }
    if (record.tokenCountSource !== undefined) {
      flags |= F.source;
      this.source.set(i, this.strings.intern(record.tokenCountSource));
    }
    this.flags.set(i, flags);
    return i;
  }

  private appendTokens(i: number, record: RequestRecord): number {
    let flags = 0;
    const block = i >>> RECORD_BLOCK_SHIFT;
    if (this.tokenBase.length <= block) this.tokenBase.push(this.tokens.length);
    this.tokens.append(record.tokenNs, record.startNs);
    this.tokenEnd.set(i, this.tokens.length - (this.tokenBase[block] as number));
    if (record.firstTokenNs !== undefined) {
      flags |= F.firstToken;
      if (record.tokenNs.length > 0 && Object.is(record.tokenNs[0], record.firstTokenNs)) flags |= F.firstTokenIsToken0;
      else this.firstTokenNs.set(i, record.firstTokenNs);
    }
    if (record.firstContentNs !== undefined) {
      flags |= F.firstContent;
      if (record.firstTokenNs !== undefined && Object.is(record.firstContentNs, record.firstTokenNs)) flags |= F.firstContentIsFirstToken;
      else this.firstContentNs.set(i, record.firstContentNs);
    }
    return flags;
  }

  private appendCounts(i: number, record: RequestRecord): number {
    let flags = 0;
    this.inputTokens.set(i, record.inputTokens);
    this.outputTokens.set(i, record.outputTokens);
    if (record.reasoningTokens !== undefined) {
      flags |= F.reasoningTokens;
      this.reasoningTokens.set(i, record.reasoningTokens);
    }
    const usage = record.usage;
    if (usage !== undefined) {
      flags |= F.usage;
      if (usage.promptTokens !== undefined) {
        flags |= F.usagePrompt;
        this.usagePrompt.set(i, usage.promptTokens);
      }
      if (usage.completionTokens !== undefined) {
        flags |= F.usageCompletion;
        this.usageCompletion.set(i, usage.completionTokens);
      }
      if (usage.reasoningTokens !== undefined) {
        flags |= F.usageReasoning;
        this.usageReasoning.set(i, usage.reasoningTokens);
      }
    }
    if (record.requestedOutputTokens !== undefined) {
      flags |= F.requested;
      this.requested.set(i, record.requestedOutputTokens);
    }
    if (record.inFlightAtStart !== undefined) {
      flags |= F.inFlight;
      this.inFlight.set(i, record.inFlightAtStart);
    }
    return flags;
  }

  /**
   * Each distinct error text with how many records have it, in the order of first occurrence,
   * read from the error column without building records (error grouping).
   */
  errorCounts(): [error: string, count: number][] {
    const counts = new Uint32Array(this.errors.size);
    for (let i = 0; i < this.count; i++) if (this.flags.get(i) & F.error) counts[this.error.get(i)]++;
    return Array.from(counts, (count, index): [string, number] => [this.errors.at(index), count]);
  }

  /** Rewrites every stored error text (redaction of secrets a server echoed back). */
  rewriteErrors(map: (error: string) => string): void {
    this.errors.rewrite(map);
  }

  at(index: number): RequestRecord | undefined {
    const i = atIndex(index, this.count);
    return i === undefined ? undefined : this.build(i);
  }

  *[Symbol.iterator](): Iterator<RequestRecord> {
    for (let i = 0; i < this.count; i++) yield this.build(i);
  }

  /** The record at a valid index; fields in the order RequestRecord declares them. */
  private build(i: number): RequestRecord {
    const flags = this.flags.get(i);
    const startNs = this.startNs.get(i);
    const tokenNs = this.tokensOf(i, startNs);
    const record: RequestRecord = {
      phase: this.phases.at(this.phaseIndex.get(i)) as CreditPhase,
      credit: this.credit.get(i),
      turnId: this.strings.at(this.turnId.get(i)),
      startNs,
    } as RequestRecord;
    if (flags & F.issued) record.issuedNs = flags & F.issuedAbs ? this.issuedAbs.get(i) : startNs - this.issuedDelta.get(i);
    if (flags & F.firstToken) record.firstTokenNs = flags & F.firstTokenIsToken0 ? (tokenNs[0] as number) : this.firstTokenNs.get(i);
    if (flags & F.firstContent) record.firstContentNs = flags & F.firstContentIsFirstToken ? (record.firstTokenNs as number) : this.firstContentNs.get(i);
    record.tokenNs = tokenNs;
    record.endNs = this.endNs.get(i);
    record.inputTokens = this.inputTokens.get(i);
    record.outputTokens = this.outputTokens.get(i);
    if (flags & F.reasoningTokens) record.reasoningTokens = this.reasoningTokens.get(i);
    if (flags & F.source) record.tokenCountSource = this.strings.at(this.source.get(i)) as RequestRecord["tokenCountSource"];
    if (flags & F.usage) record.usage = this.usageOf(i, flags);
    if (flags & F.requested) record.requestedOutputTokens = this.requested.get(i);
    if (flags & F.streaming) record.streaming = (flags & F.streamingTrue) !== 0;
    if (flags & F.worker) record.worker = this.strings.at(this.worker.get(i));
    if (flags & F.status) record.status = this.status.get(i);
    if (flags & F.error) record.error = this.errors.at(this.error.get(i));
    if (flags & F.cancelled) record.cancelled = (flags & F.cancelledTrue) !== 0;
    if (flags & F.scheduled) record.scheduledNs = this.scheduledNs.get(i);
    if (flags & F.inFlight) record.inFlightAtStart = this.inFlight.get(i);
    return record;
  }

  /** Writes record `i` (a valid index) as `JSON.stringify(at(i))` would, and a newline, from the columns in `build`'s field order. */
  writeJsonLine(i: number, out: JsonBytes): void {
    const flags = this.flags.get(i);
    const startNs = this.startNs.get(i);
    const base = this.tokenBase[i >>> RECORD_BLOCK_SHIFT] as number;
    const tokenStart = (i & ((1 << RECORD_BLOCK_SHIFT) - 1)) === 0 ? base : base + this.tokenEnd.get(i - 1);
    const tokenEnd = base + this.tokenEnd.get(i);
    out.bytes(K.phase);
    out.bytes(this.phases.json(this.phaseIndex.get(i)));
    out.bytes(K.credit);
    out.number(this.credit.get(i));
    out.bytes(K.turnId);
    out.bytes(this.strings.json(this.turnId.get(i)));
    out.bytes(K.startNs);
    out.number(startNs);
    if (flags & F.issued) {
      out.bytes(K.issuedNs);
      out.number(flags & F.issuedAbs ? this.issuedAbs.get(i) : startNs - this.issuedDelta.get(i));
    }
    let firstTokenNs = 0;
    if (flags & F.firstToken) {
      firstTokenNs = flags & F.firstTokenIsToken0 ? this.tokens.next(tokenStart, startNs) : this.firstTokenNs.get(i);
      out.bytes(K.firstTokenNs);
      out.number(firstTokenNs);
    }
    if (flags & F.firstContent) {
      out.bytes(K.firstContentNs);
      out.number(flags & F.firstContentIsFirstToken ? firstTokenNs : this.firstContentNs.get(i));
    }
    out.bytes(K.tokenNs);
    const times = this.scratch;
    this.tokens.readInto(tokenStart, tokenEnd, startNs, times);
    for (let t = 0; t < tokenEnd - tokenStart; t++) {
      if (t > 0) out.byte(COMMA);
      out.number(times[t] as number);
    }
    // One huge answer (millions of events) must not keep its times' worth of scratch for the rest of the export.
    if (times.length > SCRATCH_KEPT) times.length = 0;
    out.bytes(K.endNs);
    out.number(this.endNs.get(i));
    out.bytes(K.inputTokens);
    out.number(this.inputTokens.get(i));
    out.bytes(K.outputTokens);
    out.number(this.outputTokens.get(i));
    this.writeOptionalJson(i, flags, out);
    out.bytes(K.end);
  }

  private writeOptionalJson(i: number, flags: number, out: JsonBytes): void {
    if (flags & F.reasoningTokens) this.writeNumber(out, K.reasoningTokens, this.reasoningTokens, i);
    if (flags & F.source) {
      out.bytes(K.tokenCountSource);
      out.bytes(this.strings.json(this.source.get(i)));
    }
    if (flags & F.usage) {
      out.bytes(K.usage);
      // The first member present has no comma before it: the keys after it carry one.
      let comma = false;
      if (flags & F.usagePrompt) comma = this.writeMember(out, comma, K.promptTokens, this.usagePrompt, i);
      if (flags & F.usageCompletion) comma = this.writeMember(out, comma, K.completionTokens, this.usageCompletion, i);
      if (flags & F.usageReasoning) this.writeMember(out, comma, K.usageReasoningTokens, this.usageReasoning, i);
      out.byte(CLOSE);
    }
    if (flags & F.requested) this.writeNumber(out, K.requestedOutputTokens, this.requested, i);
    if (flags & F.streaming) out.bytes(flags & F.streamingTrue ? K.streamingTrue : K.streamingFalse);
    if (flags & F.worker) {
      out.bytes(K.worker);
      out.bytes(this.strings.json(this.worker.get(i)));
    }
    if (flags & F.status) this.writeNumber(out, K.status, this.status, i);
    if (flags & F.error) {
      out.bytes(K.error);
      out.bytes(this.errors.json(this.error.get(i)));
    }
    if (flags & F.cancelled) out.bytes(flags & F.cancelledTrue ? K.cancelledTrue : K.cancelledFalse);
    if (flags & F.scheduled) this.writeNumber(out, K.scheduledNs, this.scheduledNs, i);
    if (flags & F.inFlight) this.writeNumber(out, K.inFlightAtStart, this.inFlight, i);
  }

  /** One member of a nested object, after a comma unless it is the first; returns true (a comma is due next). */
  private writeMember(out: JsonBytes, comma: boolean, key: Uint8Array, column: BlockColumn, i: number): boolean {
    if (comma) out.byte(COMMA);
    this.writeNumber(out, key, column, i);
    return true;
  }

  private writeNumber(out: JsonBytes, key: Uint8Array, column: BlockColumn, i: number): void {
    out.bytes(key);
    out.number(column.get(i));
  }

  private usageOf(i: number, flags: number): NonNullable<RequestRecord["usage"]> {
    const usage: NonNullable<RequestRecord["usage"]> = {};
    if (flags & F.usagePrompt) usage.promptTokens = this.usagePrompt.get(i);
    if (flags & F.usageCompletion) usage.completionTokens = this.usageCompletion.get(i);
    if (flags & F.usageReasoning) usage.reasoningTokens = this.usageReasoning.get(i);
    return usage;
  }

  private tokensOf(i: number, startNs: number): number[] {
    const base = this.tokenBase[i >>> RECORD_BLOCK_SHIFT] as number;
    const start = (i & ((1 << RECORD_BLOCK_SHIFT) - 1)) === 0 ? base : base + this.tokenEnd.get(i - 1);
    return this.tokens.read(start, base + this.tokenEnd.get(i), startNs);
  }

  /** Bytes held by the columns (the string tables excluded). */
  get bytes(): number {
    let total = 0;
    for (const value of Object.values(this)) if (value instanceof BlockColumn || value instanceof TokenTimes) total += value.bytes;
    return total;
  }
}
