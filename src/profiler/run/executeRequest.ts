import { messageOf } from "../../kernel/util/messageOf.js";
import { monotonicNs } from "../../kernel/util/monotonicNs.js";
import type { RequestJob } from "../model/RequestJob.js";
import type { RequestRecord } from "../model/RequestRecord.js";
import type { Endpoint, ParsedChunk } from "../protocols/Endpoint.js";
import type { Transport, TransportResponse } from "../protocols/Transport.js";

/** Longest error text kept from a response body. */
const BODY_SUMMARY_LIMIT = 200;

/**
 * The `error.message` of an OpenAI-style JSON error body, else its first non-blank line (an HTML
 * page's `<title>` when it has one), truncated: one readable line per error.
 */
export function summarizeErrorBody(body: string): string {
  try {
    const parsed = JSON.parse(body) as { error?: { message?: string } | string; message?: string; detail?: unknown };
    const message = typeof parsed.error === "string" ? parsed.error : (parsed.error?.message ?? parsed.message ?? parsed.detail);
    if (typeof message === "string" && message) return truncate(message);
    return truncate(JSON.stringify(parsed));
  } catch {
    // not JSON
  }
  const title = /<title[^>]*>([^<]*)<\/title>/i.exec(body)?.[1]?.trim();
  if (title) return truncate(`HTML page: ${title}`);
  const line =
    body
      .split(/\r?\n/)
      .find((l) => l.trim().length > 0)
      ?.trim() ?? "";
  return truncate(line);
}

function truncate(text: string): string {
  const oneLine = text.replace(/\s+/g, " ").trim();
  return oneLine.length > BODY_SUMMARY_LIMIT ? `${oneLine.slice(0, BODY_SUMMARY_LIMIT)}…` : oneLine;
}

/**
 * Payloads held unparsed before they are read into the record mid-stream: a normal answer never
 * gets there, while a stream of millions of events (a hostile or runaway server) would otherwise
 * hold every payload, and the text each was sliced from, until it ends (3.9 GB for 20 million).
 */
const HELD_LIMIT = 2048;

/**
 * What arrived, exactly as it arrived: parsed only after the response (keeps the hot path to a
 * store or two), or every `HELD_LIMIT` payloads (`onFull`). A JSON body is one payload, so the
 * first one is held in fields and the arrays are allocated only for a second.
 */
class Arrivals {
  count = 0;
  firstData = "";
  firstAtNs = 0;
  data: string[] | undefined;
  atNs: number[] | undefined;
  /** The transport's data handler: one bound closure per request. */
  readonly push = (data: string, atNs: number): void => {
    if (this.count++ === 0) {
      this.firstData = data;
      this.firstAtNs = atNs;
      return;
    }
    if (this.data === undefined) {
      this.data = [this.firstData];
      this.atNs = [this.firstAtNs];
    }
    this.data.push(data);
    (this.atNs as number[]).push(atNs);
    if (this.count === HELD_LIMIT) this.onFull();
  };

  dataAt(i: number): string {
    return i === 0 ? this.firstData : ((this.data as string[])[i] as string);
  }

  atNsAt(i: number): number {
    return i === 0 ? this.firstAtNs : ((this.atNs as number[])[i] as number);
  }

  /** Forgets the payloads held (they have been read). */
  protected clear(): void {
    this.count = 0;
    this.firstData = "";
    this.data = undefined;
    this.atNs = undefined;
  }

  /** `HELD_LIMIT` payloads are held. */
  protected onFull(): void {}
}

/** Running totals of one response's payloads. */
interface Totals {
  content: string;
  reasoning: string;
  contentChunks: number;
  reasoningChunks: number;
  usage: NonNullable<RequestRecord["usage"]> | undefined;
  /** The texts are concatenated (a tokenizer will count them). */
  keepTexts: boolean;
}

/** Reads one payload into the record and the totals. */
function readPayload(record: RequestRecord, totals: Totals, data: string, atNs: number, endpoint: Endpoint): void {
  if (data === "[DONE]") return;
  let parsed: ParsedChunk;
  try {
    parsed = endpoint.parseResponseText !== undefined ? endpoint.parseResponseText(data) : endpoint.parseResponse(JSON.parse(data));
  } catch (error) {
    record.error ??= error instanceof SyntaxError ? `malformed response data: ${data.slice(0, 80)}` : `parsing the response failed: ${messageOf(error)}`;
    return;
  }
  if (parsed.error !== undefined) record.error ??= parsed.error;
  const hasContent = parsed.text.length > 0;
  const hasReasoning = parsed.reasoning !== undefined && parsed.reasoning.length > 0;
  if (hasContent) {
    if (totals.keepTexts) totals.content += parsed.text;
    totals.contentChunks++;
    record.firstContentNs ??= atNs;
  }
  if (hasReasoning) {
    if (totals.keepTexts) totals.reasoning += parsed.reasoning;
    totals.reasoningChunks++;
  }
  if (hasContent || hasReasoning) {
    record.firstTokenNs ??= atNs;
    record.tokenNs.push(atNs);
  }
  if (parsed.promptTokens === undefined && parsed.completionTokens === undefined && parsed.reasoningTokens === undefined) return;
  // Created only when the server reports usage: most chunks of a stream carry none.
  const usage = totals.usage ?? {};
  totals.usage = usage;
  if (parsed.promptTokens !== undefined) usage.promptTokens = parsed.promptTokens;
  if (parsed.completionTokens !== undefined) usage.completionTokens = parsed.completionTokens;
  if (parsed.reasoningTokens !== undefined) usage.reasoningTokens = parsed.reasoningTokens;
}

/** A response's running totals before its first payload. */
function emptyTotals(keepTexts: boolean): Totals {
  return { content: "", reasoning: "", contentChunks: 0, reasoningChunks: 0, usage: undefined, keepTexts };
}

/** Reads the payloads held into the record and the totals (in arrival order, as they came). */
function readArrivals(record: RequestRecord, arrivals: Arrivals, endpoint: Endpoint, totals: Totals): void {
  for (let i = 0; i < arrivals.count; i++) readPayload(record, totals, arrivals.dataAt(i), arrivals.atNsAt(i), endpoint);
}

/**
 * Once every payload is read: the server's usage, and the output counts until the records are
 * collected (applyTokenCounts settles them): the server's, else one per chunk.
 */
function settleCounts(record: RequestRecord, totals: Totals): void {
  const usage = totals.usage;
  if (usage !== undefined) record.usage = usage;
  if (usage?.completionTokens !== undefined) {
    record.tokenCountSource = "server";
    record.outputTokens = Math.max(0, usage.completionTokens - (usage.reasoningTokens ?? 0));
    if (usage.reasoningTokens !== undefined) record.reasoningTokens = usage.reasoningTokens;
  } else {
    record.tokenCountSource = "chunks";
    record.outputTokens = totals.contentChunks;
    if (totals.reasoningChunks > 0) record.reasoningTokens = totals.reasoningChunks;
  }
}

/**
 * Runs one request through a transport and measures it. While the response arrives each payload
 * is only stored with its arrival time; once the transport is done they are parsed (content and
 * reasoning chunks, usage, errors). Errors (HTTP status, malformed data, a throwing endpoint,
 * network) end up in the record. Never rejects. Used on the main thread (in_process) and in each
 * worker (multiprocess).
 * @public
 */
export function executeRequest(job: RequestJob, deps: { endpoint: Endpoint; transport: Transport }, signal: AbortSignal): Promise<RequestRecord> {
  return new Promise((resolve) => runRequest(job, deps, signal, resolve));
}

/**
 * `executeRequest` without a promise: `done` gets the record, once (possibly before this returns,
 * when the transport fails at once); it should not throw (what it throws is rethrown uncaught).
 * Through a transport's `dispatch` when it has one, so a request costs no promise on this side.
 * @public
 */
export function runRequest(
  job: RequestJob,
  deps: { endpoint: Endpoint; transport: Transport },
  signal: AbortSignal,
  done: (record: RequestRecord) => void,
): void {
  const endpoint = deps.endpoint;
  const issuedNs = monotonicNs();
  const record: RequestRecord = {
    phase: job.phase,
    credit: job.credit,
    turnId: job.turnId,
    startNs: issuedNs,
    issuedNs,
    tokenNs: [],
    endNs: 0,
    inputTokens: job.inputTokens,
    outputTokens: 0,
    streaming: job.streaming,
  };
  // Assigned, not spread: a spread per optional field walks an object per request.
  if (job.requestedOutputTokens !== undefined) record.requestedOutputTokens = job.requestedOutputTokens;
  if (job.inFlightAtStart !== undefined) record.inFlightAtStart = job.inFlightAtStart;
  if (job.scheduledNs !== undefined) record.scheduledNs = job.scheduledNs;
  const run = new RequestRun(record, endpoint, signal, job.textsUnread !== true, done);
  const request = { path: endpoint.path, body: job.body, streaming: job.streaming, signal };
  const transport = deps.transport;
  try {
    if (transport.dispatch !== undefined) transport.dispatch(request, run.push, run.end);
    else transport.send(request, run.push).then(run.end, (error: unknown) => run.end(undefined, error));
  } catch (error) {
    // A transport that throws instead of reporting: the same record as a rejected send.
    run.end(undefined, error);
  }
}

/** One request being run: what arrived, and its end (the transport's two callbacks, bound once). */
class RequestRun extends Arrivals {
  private ended = false;
  /** Totals of the payloads read so far (made on the first read). */
  private totals: Totals | undefined;

  constructor(
    private readonly record: RequestRecord,
    private readonly endpoint: Endpoint,
    private readonly signal: AbortSignal,
    private readonly keepTexts: boolean,
    private readonly done: (record: RequestRecord) => void,
  ) {
    super();
  }

  readonly end = (response: TransportResponse | undefined, failure?: unknown): void => {
    if (this.ended) return;
    this.ended = true;
    // The end is the transport's, before any parsing.
    this.record.endNs = monotonicNs();
    const record = finishRecord(this.record, this.readHeld(), this.endpoint, response, failure, this.signal);
    try {
      this.done(record);
    } catch (error) {
      // Called from inside the transport (a socket read): a throwing `done` must not pass for a
      // failed request there, nor be swallowed. Thrown again outside, as an uncaught error.
      queueMicrotask(() => {
        throw error;
      });
    }
  };

  protected override onFull(): void {
    this.readHeld();
    this.clear();
  }

  /** Reads the payloads held into the record; the totals of every payload read so far. */
  private readHeld(): Totals {
    this.totals ??= emptyTotals(this.keepTexts);
    readArrivals(this.record, this, this.endpoint, this.totals);
    return this.totals;
  }
}

/** Settles a request's record once its transport is done and what arrived is read: counts, then status and errors. */
function finishRecord(
  record: RequestRecord,
  totals: Totals,
  endpoint: Endpoint,
  response: TransportResponse | undefined,
  failure: unknown,
  signal: AbortSignal,
): RequestRecord {
  settleCounts(record, totals);
  if (response) {
    if (response.sentNs !== undefined) record.startNs = response.sentNs;
    record.status = response.status;
    if (response.status >= 400) {
      const summary = response.errorBody ? summarizeErrorBody(response.errorBody) : "";
      record.error = `HTTP ${response.status} from POST ${endpoint.path}${summary ? `: ${summary}` : ""}`;
    }
  } else if (signal.aborted) record.cancelled = true;
  else record.error ??= messageOf(failure);
  // The texts go last: applyTokenCounts deletes them, and deleting an object's last-added
  // properties keeps its fast shape (any other delete turns the record into a dictionary).
  record.outputText = totals.content;
  if (totals.reasoningChunks > 0) record.reasoningText = totals.reasoning;
  return record;
}

/**
 * A record for a request that never reached a transport (formatting failed, its worker died).
 * @public
 */
export function failedRecord(job: Omit<RequestJob, "body" | "streaming">, startNs: number, error: string): RequestRecord {
  return {
    phase: job.phase,
    credit: job.credit,
    turnId: job.turnId,
    startNs,
    tokenNs: [],
    endNs: monotonicNs(),
    inputTokens: job.inputTokens,
    outputTokens: 0,
    error,
    ...(job.inFlightAtStart === undefined ? {} : { inFlightAtStart: job.inFlightAtStart }),
    ...(job.scheduledNs === undefined ? {} : { scheduledNs: job.scheduledNs }),
  };
}
