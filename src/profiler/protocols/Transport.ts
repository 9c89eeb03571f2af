import { defineProtocol } from "../../kernel/protocol/defineProtocol.js";

/**
 * Connection settings, fixed for a run.
 * @public
 */
export interface TransportOptions {
  /** The base URL (`endpoint.url`): a request for `path` goes to `requestUrl(url, path)`, its query string included. */
  url: string;
  connections: number;
  apiKey?: string;
  connectTimeoutMs: number;
  requestTimeoutMs: number;
  /** Extra headers for every request (`endpoint.headers`); each replaces the transport's own of the same name (`requestHeaders`). */
  headers?: Readonly<Record<string, string>>;
  /**
   * Connections to open and warm before the first timed request (`endpoint.prewarm`), at most
   * `connections`; absent or 0: connections open on demand.
   */
  prewarm?: number;
}

/**
 * What opening the connections before the first request took.
 * @public
 */
export interface ConnectionSetup {
  /** Connections opened and warmed (one request answered on each). */
  connections: number;
  /** Wall time of the whole setup, ms. */
  ms: number;
}

/**
 * One HTTP request.
 * @public
 */
export interface TransportRequest {
  path: string;
  body: string;
  streaming: boolean;
  signal?: AbortSignal;
}

/**
 * Receives the body: each SSE `data:` payload when streaming, else the whole body once.
 * @public
 */
export type TransportDataHandler = (data: string, atNs: number) => void;

/**
 * What a transport reports of one finished request.
 * @public
 */
export interface TransportResponse {
  status: number;
  errorBody?: string;
  sentNs?: number;
}

/**
 * Ends one request sent through `Transport.dispatch`: called once, with the response, or with
 * `undefined` and the error `send` would have rejected with.
 * @public
 */
export type TransportDone = (response: TransportResponse | undefined, error?: unknown) => void;

/**
 * Moves bytes (HTTP/1.1 by the built-in `http` client by default).
 * @public
 */
export interface Transport {
  open(options: TransportOptions): void;
  /**
   * Resolves with the HTTP status once the body has ended, and `sentNs`: when the request's
   * bytes were handed to the socket (monotonic ns), if the transport knows it.
   */
  send(request: TransportRequest, onData: TransportDataHandler): Promise<TransportResponse>;
  /**
   * `send` without a promise (optional; callers fall back to `send`): at 64 connections a
   * promise and its continuation per request are a visible share of the client's CPU.
   */
  dispatch?(request: TransportRequest, onData: TransportDataHandler, done: TransportDone): void;
  /**
   * Opens `connections` connections (at most the pool's size) and warms each with one request,
   * before the clock starts; never rejects (a connection that fails is not counted).
   */
  prewarm?(connections: number, signal?: AbortSignal): Promise<ConnectionSetup>;
  close(): Promise<void>;
}

/** Sends requests to the endpoint server */
export const Transport = defineProtocol<Transport>({
  name: "transport",
  cardinality: "one",
  members: ["open", "send", "close"],
  description: "Sends requests to the endpoint server",
});
