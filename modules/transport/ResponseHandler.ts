import { StringDecoder } from "node:string_decoder";
import { monotonicNs, type TransportDataHandler, type TransportDone, type TransportRequest, type TransportResponse } from "aiperf";
import { describeNetworkError } from "./describeNetworkError.js";
import type { Exchange } from "./Exchange.js";
import { looksLikeEventStream, SseParser } from "./SseParser.js";

/** Error bodies are kept only this long (for grouping error messages). */
const ERROR_BODY_LIMIT = 2000;

/** The most a response body (or one SSE event) may hold in memory: far above any completion. */
export const RESPONSE_LIMIT_CHARS = 64 * 1024 * 1024;

function limitMessage(what: string, limit: number): string {
  const size = limit % (1024 * 1024) === 0 ? `${limit / 1024 / 1024} MiB` : `${limit} bytes`;
  return `the response ${what} passed ${size}; refused`;
}

/**
 * One request on a connection (an `Exchange`). The connection stamps `sentNs` right before it
 * writes the request's bytes, and each read as it arrives; here the body is handed on: kept as
 * copied buffers for a whole JSON body (decoded once at the end; an error body only up to 2000
 * bytes), decoded and split into SSE events when streaming. Streaming asked without a
 * `text/event-stream` header is decided from the first bytes (as the OpenAI SDK does). A body or
 * event over `limit` fails the request.
 */
export class ResponseHandler implements Exchange {
  private status = 0;
  private sentNs: number | undefined;
  private at = 0;
  private sse: SseParser | undefined;
  private sniff = false;
  /** Streaming: body text is decoded as it arrives. */
  private streamed = false;
  /** Made on the first read that ends inside a multi-byte character; from then on it decodes every read. */
  private decoder: StringDecoder | undefined;
  /** Decoded text held while sniffing a stream, or of a streamed non-event body. */
  private text = "";
  private body: Buffer[] = [];
  /** A whole body that arrived in one read, already decoded. */
  private whole: string | undefined;
  private bytesReceived = 0;
  /** `done` was called: it is called once, as a promise settles once. */
  private settled = false;

  constructor(
    readonly bytes: Buffer,
    private readonly request: TransportRequest,
    private readonly onDataOut: TransportDataHandler,
    private readonly done: TransportDone,
    private readonly limit: number,
  ) {}

  private resolve(response: TransportResponse): void {
    if (this.settled) return;
    this.settled = true;
    this.done(response);
  }

  private reject(error: Error): void {
    if (this.settled) return;
    this.settled = true;
    this.done(undefined, error);
  }

  get signal(): AbortSignal | undefined {
    return this.request.signal;
  }

  /** What a cancel through the request's signal fails it with. */
  cancelReason(): Error {
    const reason: unknown = this.request.signal?.reason;
    return reason instanceof Error ? reason : new Error("cancelled");
  }

  onSent(atNs: number): void {
    this.sentNs = atNs;
  }

  onHead(status: number, contentType: string): void {
    this.status = status;
    if (status >= 400 || !this.request.streaming) return;
    this.streamed = true;
    if (contentType.includes("text/event-stream")) this.startEvents();
    else this.sniff = true;
  }

  onBody(chunk: Buffer, atNs: number, last: boolean): void {
    this.at = atNs;
    if (!this.streamed) {
      // A body in one read (the usual JSON answer) is decoded at once: no copy, no concatenation.
      if (last && this.bytesReceived === 0 && chunk.length <= (this.status < 400 ? this.limit : ERROR_BODY_LIMIT)) {
        this.whole = chunk.toString("utf8");
        this.bytesReceived = chunk.length;
        return;
      }
      // Else keep copies (the read buffer is reused), of an error body only up to its limit.
      if (this.status < 400 || this.bytesReceived < ERROR_BODY_LIMIT) this.body.push(Buffer.from(chunk));
      this.bytesReceived += chunk.length;
      if (this.bytesReceived > this.limit) throw new Error(limitMessage("body", this.limit));
      return;
    }
    const piece = this.decode(chunk);
    if (this.sse !== undefined) this.sse.push(piece);
    else if (this.sniff) this.sniffEvents(piece);
    else this.text += piece;
    if (this.sse !== undefined ? this.sse.buffered > this.limit : this.text.length > this.limit)
      throw new Error(limitMessage(this.sse ? "event" : "body", this.limit));
  }

  onComplete(): void {
    try {
      this.complete();
    } catch (error) {
      // Called from a socket read: a throwing data handler fails its request, not the process.
      this.reject(error as Error);
    }
  }

  private complete(): void {
    const sse = this.sse;
    if (sse !== undefined) {
      const rest = this.decoder?.end();
      if (rest) sse.push(rest);
      if (sse.pending.trim().length > 0) this.reject(new Error("the stream ended in the middle of an event"));
      else if (sse.events === 0) this.reject(new Error("the event stream ended without a single data event"));
      else this.resolve(this.response());
      return;
    }
    const text = this.streamed ? this.text + (this.decoder?.end() ?? "") : this.bodyText();
    this.body = [];
    if (this.status >= 400) {
      const response = this.response();
      response.errorBody = text.slice(0, ERROR_BODY_LIMIT);
      this.resolve(response);
      return;
    }
    this.onDataOut(text, this.at || monotonicNs());
    this.resolve(this.response());
  }

  onError(error: Error): void {
    this.reject(this.request.signal?.aborted ? error : new Error(describeNetworkError(error)));
  }

  /**
   * A read as text. Reads that end on an ASCII byte hold whole characters and are decoded
   * directly; a stateful decoder is made only once a read ends inside a character.
   */
  private decode(chunk: Buffer): string {
    if (this.decoder === undefined) {
      if (chunk.length === 0 || (chunk[chunk.length - 1] as number) < 0x80) return chunk.toString("utf8");
      this.decoder = new StringDecoder("utf8");
    }
    return this.decoder.write(chunk);
  }

  private bodyText(): string {
    if (this.whole !== undefined) return this.whole;
    const body = this.body;
    if (body.length === 1) return (body[0] as Buffer).toString("utf8");
    return body.length === 0 ? "" : Buffer.concat(body).toString("utf8");
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
