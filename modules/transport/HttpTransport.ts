import {
  type ConnectionSetup,
  monotonicNs,
  type Transport,
  type TransportDataHandler,
  type TransportOptions,
  type TransportRequest,
  type TransportResponse,
} from "aiperf";
import { type Dispatcher, Pool } from "undici";
import { describeNetworkError } from "./describeNetworkError.js";
import { ResponseHandler } from "./ResponseHandler.js";

export { RESPONSE_LIMIT_CHARS } from "./ResponseHandler.js";

/**
 * Built-in `http` transport on an undici Pool sized to the load. It dispatches with undici's
 * low-level handler (see `ResponseHandler`): the request's `sentNs` is taken when its bytes are
 * written to the socket, and each body chunk is timestamped synchronously as the HTTP parser
 * delivers it (no stream or async-iterator hops between the socket and the timestamp). `prewarm`
 * opens the connections before the first timed request. The API key goes in the
 * `Authorization: Bearer` header only; it is never logged or put in an error.
 */
export class HttpTransport implements Transport {
  private pool: Pool | undefined;
  private connections = 1;
  /** Flat [name, value, …]: undici copies it as is, with no per-request object walk. */
  private headers: string[] = [];
  private basePath = "";
  /** Requests in flight: an aborted signal cancels those that carry it. */
  private readonly inFlight = new Set<ResponseHandler>();
  /** Signals listened to already: requests share one signal per batch, so one listener serves all. */
  private readonly watched = new WeakSet<AbortSignal>();

  open(options: TransportOptions): void {
    const url = new URL(options.url);
    this.connections = options.connections;
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

  send(request: TransportRequest, onData: TransportDataHandler): Promise<TransportResponse> {
    const pool = this.pool;
    if (!pool) return Promise.reject(new Error("transport is not open"));
    const signal = request.signal;
    if (signal?.aborted) return Promise.reject(signal.reason instanceof Error ? signal.reason : new Error("cancelled"));
    return new Promise((resolve, reject) => {
      const handler = new ResponseHandler(request, onData, resolve, reject, this.inFlight);
      this.inFlight.add(handler);
      if (signal) this.watch(signal);
      try {
        // The callback-shaped handler: undici 7 calls its `onConnect` right before the write (see ResponseHandler).
        pool.dispatch(
          { method: "POST", path: this.basePath + request.path, headers: this.headers, body: request.body },
          handler as unknown as Dispatcher.DispatchHandler,
        );
      } catch (error) {
        handler.release();
        reject(new Error(describeNetworkError(error)));
      }
    });
  }

  /** On abort, cancels every request in flight that carries `signal`. */
  private watch(signal: AbortSignal): void {
    if (this.watched.has(signal)) return;
    this.watched.add(signal);
    signal.addEventListener(
      "abort",
      () => {
        for (const handler of [...this.inFlight]) if (handler.signal === signal) handler.cancel();
      },
      { once: true },
    );
  }

  /**
   * Opens up to `connections` connections at once, each warmed by one `GET /v1/models` (the
   * request every OpenAI-compatible server answers; its status does not matter, only that the
   * connection is open and kept alive). Concurrent requests on a pipelining-1 pool each get a
   * connection of their own.
   */
  async prewarm(connections: number, signal?: AbortSignal): Promise<ConnectionSetup> {
    const pool = this.pool;
    const count = Math.min(connections, this.connections);
    const start = monotonicNs();
    if (!pool || count <= 0) return { connections: 0, ms: 0 };
    const warm = async () => {
      const res = await pool.request({ method: "GET", path: `${this.basePath}/v1/models`, headers: this.headers, ...(signal ? { signal } : {}) });
      await res.body.dump();
    };
    const settled = await Promise.allSettled(Array.from({ length: count }, warm));
    return { connections: settled.filter((s) => s.status === "fulfilled").length, ms: (monotonicNs() - start) / 1e6 };
  }

  async close(): Promise<void> {
    const pool = this.pool;
    this.pool = undefined;
    await pool?.destroy();
  }
}
