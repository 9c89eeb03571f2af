import {
  authorizationHeader,
  type ConnectionSetup,
  monotonicNs,
  requestHeaders,
  type Transport,
  type TransportDataHandler,
  type TransportDone,
  type TransportOptions,
  type TransportRequest,
  type TransportResponse,
} from "aiperf";
import { ConnectionPool, sweepIntervalMs } from "./ConnectionPool.js";
import { DiscardingExchange } from "./DiscardingExchange.js";
import type { Exchange } from "./Exchange.js";
import { RequestBytes } from "./RequestBytes.js";
import { RESPONSE_LIMIT_CHARS, ResponseHandler } from "./ResponseHandler.js";

export { RESPONSE_LIMIT_CHARS } from "./ResponseHandler.js";

const cancelReason = (exchange: Exchange) => exchange.cancelReason();

/**
 * Built-in `http` transport: a hand-written HTTP/1.1 client on a fixed pool of keep-alive `net`
 * sockets (`tls` for https URLs), sized to the load. Each distinct body's request bytes are built
 * once and written with one `socket.write`, `sentNs` taken right before it; each read is
 * timestamped synchronously as it arrives and parsed in place (see `HttpConnection`,
 * `ResponseParser`). `prewarm` opens the connections before the first timed request. Every
 * request goes to the base URL's path and query joined with its own path (requestUrl). The API
 * key goes in the `Authorization: Bearer` header only (unless `headers` has an `Authorization` of
 * its own, which replaces it, as a `Host` there replaces the URL's); it is never logged or put in
 * an error.
 */
export class HttpTransport implements Transport {
  private pool: ConnectionPool | undefined;
  private requests: RequestBytes | undefined;
  private connections = 1;
  /** A warm-up request's answer may take as long as a connect may (`endpoint.connect_timeout_ms`). */
  private warmTimeoutNs = 0;
  /** Signals listened to already: requests share one signal per batch, so one listener serves all. */
  private readonly watched = new WeakSet<AbortSignal>();
  /** The most a response body or one SSE event may hold (settable before `open` for tests and embedders). */
  responseLimit = RESPONSE_LIMIT_CHARS;

  open(options: TransportOptions): void {
    const url = new URL(options.url);
    const https = url.protocol === "https:";
    if (!https && url.protocol !== "http:") throw new Error(`the http transport speaks http and https, not ${url.protocol}`);
    this.connections = options.connections;
    this.warmTimeoutNs = options.connectTimeoutMs * 1e6;
    const own: [string, string][] = [
      ["host", url.host],
      ["content-type", "application/json"],
      ["accept", "application/json, text/event-stream"],
    ];
    const authorization = authorizationHeader(url, options.apiKey);
    if (authorization) own.push(authorization);
    this.requests = new RequestBytes(url, requestHeaders(own, options.headers));
    this.pool = new ConnectionPool(
      {
        // URL keeps IPv6 hosts in brackets; sockets want them bare.
        host: url.hostname.replace(/^\[(.*)\]$/, "$1"),
        port: Number(url.port) || (https ? 443 : 80),
        tls: https,
        connectTimeoutNs: options.connectTimeoutMs * 1e6,
        requestTimeoutNs: options.requestTimeoutMs * 1e6,
      },
      options.connections,
      sweepIntervalMs(options.connectTimeoutMs, options.requestTimeoutMs),
    );
  }

  send(request: TransportRequest, onData: TransportDataHandler): Promise<TransportResponse> {
    return new Promise((resolve, reject) => this.dispatch(request, onData, (response, error) => (response ? resolve(response) : reject(error))));
  }

  dispatch(request: TransportRequest, onData: TransportDataHandler, done: TransportDone): void {
    const pool = this.pool;
    const requests = this.requests;
    if (!pool || !requests) {
      done(undefined, new Error("transport is not open"));
      return;
    }
    const signal = request.signal;
    if (signal?.aborted) {
      done(undefined, signal.reason instanceof Error ? signal.reason : new Error("cancelled"));
      return;
    }
    let bytes: Buffer;
    try {
      bytes = requests.post(request.path, request.body);
    } catch (error) {
      // Reported, as `send` rejects: the caller's one path for every failure.
      done(undefined, error);
      return;
    }
    if (signal) this.watch(signal);
    pool.dispatch(new ResponseHandler(bytes, request, onData, done, this.responseLimit));
  }

  /** On abort, cancels every request queued or in flight that carries `signal`. */
  private watch(signal: AbortSignal): void {
    if (this.watched.has(signal)) return;
    this.watched.add(signal);
    signal.addEventListener("abort", () => this.pool?.cancel(signal, cancelReason), { once: true });
  }

  /**
   * Opens up to `connections` connections at once, each warmed by one `GET /v1/models` on the
   * base URL (the request every OpenAI-compatible server answers; its status does not matter,
   * only that the connection is open and kept alive).
   */
  async prewarm(connections: number, signal?: AbortSignal): Promise<ConnectionSetup> {
    const pool = this.pool;
    const requests = this.requests;
    const count = Math.min(connections, this.connections);
    const start = monotonicNs();
    if (!pool || !requests || count <= 0) return { connections: 0, ms: 0 };
    if (signal) this.watch(signal);
    const bytes = requests.get("/v1/models");
    const warm = () => new Promise<void>((resolve, reject) => pool.dispatch(new DiscardingExchange(bytes, signal, this.warmTimeoutNs, resolve, reject)));
    const settled = await Promise.allSettled(Array.from({ length: count }, warm));
    return { connections: settled.filter((s) => s.status === "fulfilled").length, ms: (monotonicNs() - start) / 1e6 };
  }

  async close(): Promise<void> {
    const pool = this.pool;
    this.pool = undefined;
    pool?.destroy();
  }
}
