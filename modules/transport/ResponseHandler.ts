import { StringDecoder } from "node:string_decoder";
import { monotonicNs, type TransportDataHandler, type TransportRequest, type TransportResponse } from "aiperf";
import { describeNetworkError } from "./describeNetworkError.js";
import { looksLikeEventStream, SseParser } from "./SseParser.js";

/** Error bodies are kept only this long (for grouping error messages). */
const ERROR_BODY_LIMIT = 2000;

/** The most a response body (or one SSE event) may hold in memory: far above any completion. */
export const RESPONSE_LIMIT_CHARS = 64 * 1024 * 1024;

const LIMIT_MESSAGE = (what: string) => `the response ${what} passed ${RESPONSE_LIMIT_CHARS / 1024 / 1024} MiB; refused`;

/** The value of header `name` (lower case) in undici's raw [name, value, …] list, or "". */
function rawHeader(raw: readonly (Buffer | string)[], name: string): string {
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const key = raw[i] as Buffer | string;
    if (key.length === name.length && key.toString().toLowerCase() === name) return (raw[i + 1] as Buffer | string).toString();
  }
  return "";
}

/**
 * One request's undici dispatch handler, in undici's callback shape (`onConnect`, `onHeaders`,
 * `onData`, …). undici calls `onConnect` synchronously right before it writes the request to its
 * socket (a queued request waits for a free connection first): that is the request's `sentNs`.
 * Not `onRequestSent`, after the write: a descheduled client could then stamp a request after the
 * server had already read it. Raw headers are read as they come
 * (no header object per response). Per body chunk: one timestamp, then the bytes are handed on —
 * kept as buffers for a whole JSON body (decoded once at the end), decoded and split into SSE
 * events when streaming. Cancelling goes through the transport's `InFlight` set (one listener per
 * signal, not one per request), so a request allocates no closures of its own.
 */
export class ResponseHandler {
  private status = 0;
  private sentNs: number | undefined;
  private at = 0;
  private abort: ((reason: Error) => void) | undefined;
  private sse: SseParser | undefined;
  /** Streaming asked, no `text/event-stream` header: decided from the first bytes (as the OpenAI SDK does). */
  private sniff = false;
  private decoder: StringDecoder | undefined;
  /** Decoded text held while sniffing a stream, or of an error body. */
  private text = "";
  private body: Buffer[] = [];
  private bytes = 0;

  constructor(
    private readonly request: TransportRequest,
    private readonly onDataOut: TransportDataHandler,
    private readonly resolve: (response: TransportResponse) => void,
    private readonly reject: (error: Error) => void,
    private readonly inFlight: Set<ResponseHandler>,
  ) {}

  /** The request's signal aborted: cancel the request. */
  cancel(): void {
    this.abort?.(this.cancelReason());
  }

  get signal(): AbortSignal | undefined {
    return this.request.signal;
  }

  onConnect(abort: (reason: Error) => void): void {
    this.sentNs = monotonicNs();
    this.abort = abort;
    if (this.request.signal?.aborted) abort(this.cancelReason());
  }

  onHeaders(statusCode: number, rawHeaders: (Buffer | string)[]): boolean {
    this.status = statusCode;
    if (statusCode >= 400 || !this.request.streaming) return true;
    this.decoder = new StringDecoder("utf8");
    if (rawHeader(rawHeaders, "content-type").includes("text/event-stream")) this.startEvents();
    else this.sniff = true;
    return true;
  }

  onData(chunk: Buffer): boolean {
    this.at = monotonicNs();
    const decoder = this.decoder;
    if (decoder === undefined) {
      // A whole body: keep the bytes (an error body only up to its limit), decode once at the end.
      if (this.status < 400 || this.bytes < ERROR_BODY_LIMIT) this.body.push(chunk);
      this.bytes += chunk.length;
      if (this.bytes > RESPONSE_LIMIT_CHARS) this.abort?.(new Error(LIMIT_MESSAGE("body")));
      return true;
    }
    const piece = decoder.write(chunk);
    if (this.sse !== undefined) this.sse.push(piece);
    else if (this.sniff) this.sniffEvents(piece);
    else this.text += piece;
    if (this.sse !== undefined ? this.sse.buffered > RESPONSE_LIMIT_CHARS : this.text.length > RESPONSE_LIMIT_CHARS)
      this.abort?.(new Error(LIMIT_MESSAGE(this.sse ? "event" : "body")));
    return true;
  }

  onComplete(): void {
    this.release();
    const sse = this.sse;
    if (sse !== undefined) {
      const rest = (this.decoder as StringDecoder).end();
      if (rest) sse.push(rest);
      if (sse.pending.trim().length > 0) this.reject(new Error("the stream ended in the middle of an event"));
      else if (sse.events === 0) this.reject(new Error("the event stream ended without a single data event"));
      else this.resolve(this.response());
      return;
    }
    const text = this.decoder !== undefined ? this.text + this.decoder.end() : Buffer.concat(this.body).toString("utf8");
    this.body = [];
    if (this.status >= 400) {
      this.resolve({ ...this.response(), errorBody: text.slice(0, ERROR_BODY_LIMIT) });
      return;
    }
    this.onDataOut(text, this.at || monotonicNs());
    this.resolve(this.response());
  }

  onError(error: Error): void {
    this.release();
    this.reject(this.request.signal?.aborted ? error : new Error(describeNetworkError(error)));
  }

  onUpgrade(): void {
    this.onError(new Error("the server upgraded the connection"));
  }

  /** Stops being cancellable once the request has ended. */
  release(): void {
    this.inFlight.delete(this);
  }

  cancelReason(): Error {
    const reason: unknown = this.request.signal?.reason;
    return reason instanceof Error ? reason : new Error("cancelled");
  }

  private response(): TransportResponse {
    return this.sentNs === undefined ? { status: this.status } : { status: this.status, sentNs: this.sentNs };
  }

  private startEvents(): void {
    // One closure per stream (not per chunk): every event carries the time its chunk arrived.
    this.sse = new SseParser((data) => this.onDataOut(data, this.at));
  }

  private sniffEvents(piece: string): void {
    this.text += piece;
    if (this.text.trim().length === 0) return;
    this.sniff = false;
    if (!looksLikeEventStream(this.text)) return;
    this.startEvents();
    (this.sse as SseParser).push(this.text);
    this.text = "";
  }
}
