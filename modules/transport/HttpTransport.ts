import { StringDecoder } from "node:string_decoder";
import { monotonicNs, type Transport, type TransportDataHandler, type TransportOptions, type TransportRequest } from "aiperf";
import { type Dispatcher, Pool } from "undici";
import { describeNetworkError } from "./describeNetworkError.js";
import { looksLikeEventStream, SseParser } from "./SseParser.js";

/** Error bodies are kept only this long (for grouping error messages). */
const ERROR_BODY_LIMIT = 2000;

/** The most a response body (or one SSE event) may hold in memory: far above any completion. */
export const RESPONSE_LIMIT_CHARS = 64 * 1024 * 1024;

/**
 * Built-in `http` transport on an undici Pool sized to the load. It uses undici's low-level
 * `dispatch` handler, so each body chunk is timestamped synchronously as the HTTP parser
 * delivers it (no stream or async-iterator hops between the socket and the timestamp). The API
 * key goes in the `Authorization: Bearer` header only; it is never logged or put in an error.
 */
export class HttpTransport implements Transport {
  private pool: Pool | undefined;
  /** Flat [name, value, …]: undici copies it as is, with no per-request object walk. */
  private headers: string[] = [];
  private basePath = "";

  open(options: TransportOptions): void {
    const url = new URL(options.url);
    this.pool = new Pool(url.origin, {
      connections: options.connections,
      connectTimeout: options.connectTimeoutMs,
      headersTimeout: options.requestTimeoutMs,
      bodyTimeout: options.requestTimeoutMs,
      keepAliveTimeout: 60_000,
      pipelining: 1,
    });
    this.headers = ["content-type", "application/json", "accept", "application/json, text/event-stream"];
    if (options.apiKey) this.headers.push("authorization", `Bearer ${options.apiKey}`);
    for (const [name, value] of Object.entries(options.headers ?? {})) this.headers.push(name.toLowerCase(), String(value));
    // Endpoints give full paths (/v1/...): accept base URLs with or without the /v1 suffix.
    this.basePath = url.pathname.replace(/\/$/, "").replace(/\/v1$/, "");
  }

  send(request: TransportRequest, onData: TransportDataHandler): Promise<{ status: number; errorBody?: string }> {
    const pool = this.pool;
    if (!pool) return Promise.reject(new Error("transport is not open"));
    return new Promise((resolve, reject) => {
      let status = 0;
      let sse: SseParser | undefined;
      // Streaming asked, but no `text/event-stream` header: decide from the first bytes, as the
      // OpenAI SDK does, rather than refuse a stream some servers label `application/json`.
      let sniff = false;
      let at = 0;
      let text = "";
      const decoder = new StringDecoder("utf8");
      let controller: Dispatcher.DispatchController | undefined;
      const signal = request.signal;
      const onAbort = () => controller?.abort(signal?.reason instanceof Error ? signal.reason : new Error("cancelled"));
      const cleanup = () => signal?.removeEventListener("abort", onAbort);
      if (signal?.aborted) {
        reject(signal.reason instanceof Error ? signal.reason : new Error("cancelled"));
        return;
      }
      signal?.addEventListener("abort", onAbort, { once: true });
      const handler: Dispatcher.DispatchHandler = {
        onRequestStart(c) {
          controller = c;
          if (signal?.aborted) onAbort();
        },
        onResponseStart(_c, statusCode, headers) {
          status = statusCode;
          const type = String(headers["content-type"] ?? "");
          if (statusCode >= 400 || !request.streaming) return;
          if (type.includes("text/event-stream")) sse = new SseParser((data) => onData(data, at));
          else sniff = true;
        },
        onResponseData(_c, chunk) {
          at = monotonicNs();
          const piece = decoder.write(chunk);
          if (sniff && (text + piece).trim().length > 0) {
            sniff = false;
            if (looksLikeEventStream(text + piece)) {
              sse = new SseParser((data) => onData(data, at));
              sse.push(text);
              text = "";
            }
          }
          if (sse) sse.push(piece);
          else if (status < 400 || text.length < ERROR_BODY_LIMIT) text += piece;
          if ((sse ? sse.buffered : text.length) > RESPONSE_LIMIT_CHARS) {
            controller?.abort(new Error(`the response ${sse ? "event" : "body"} passed ${RESPONSE_LIMIT_CHARS / 1024 / 1024} MiB; refused`));
          }
        },
        onResponseEnd() {
          cleanup();
          const rest = decoder.end();
          if (sse) {
            if (rest) sse.push(rest);
            if (sse.pending.trim().length > 0) {
              reject(new Error("the stream ended in the middle of an event"));
              return;
            }
            if (sse.events === 0) {
              reject(new Error("the event stream ended without a single data event"));
              return;
            }
            resolve({ status });
            return;
          }
          text += rest;
          if (status >= 400) {
            resolve({ status, errorBody: text.slice(0, ERROR_BODY_LIMIT) });
            return;
          }
          onData(text, at || monotonicNs());
          resolve({ status });
        },
        onResponseError(_c, error) {
          cleanup();
          reject(signal?.aborted ? error : new Error(describeNetworkError(error)));
        },
      };
      try {
        pool.dispatch({ method: "POST", path: this.basePath + request.path, headers: this.headers, body: request.body }, handler);
      } catch (error) {
        cleanup();
        reject(new Error(describeNetworkError(error)));
      }
    });
  }

  async close(): Promise<void> {
    const pool = this.pool;
    this.pool = undefined;
    await pool?.destroy();
  }
}
