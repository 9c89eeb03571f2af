import { defineProtocol } from "../../kernel/protocol/defineProtocol.js";

/**
 * What one start of a mock server needs beyond its behaviour: where to listen, the run's seed.
 * The behaviour (latencies, lengths, errors) is the implementation's own config, from
 * `endpoint.mock:` through `PLUGIN_CONFIG`.
 * @public
 */
export interface MockServerOptions {
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  seed?: number;
  /** Keep per-request send times (for accuracy checks). */
  recordTimings?: boolean;
}

/**
 * What the server actually did for one request (monotonic ns, same clock as `monotonicNs`).
 * @public
 */
export interface MockServerTiming {
  receivedNs: number;
  tokenNs: number[];
}

/**
 * An OpenAI-compatible server for runs with nothing else running.
 * @public
 */
export interface MockServer {
  start(options?: MockServerOptions): Promise<{ url: string }>;
  stop(): Promise<void>;
  /** Per-request timings when `recordTimings` was set. */
  timings(): MockServerTiming[];
}

/** The embedded mock server (`endpoint.url: embedded`). Internal: resolved through the registry like every other implementation. */
export const MockServer = defineProtocol<MockServer>({
  name: "mock_server",
  cardinality: "one",
  members: ["start", "stop", "timings"],
  description: "An OpenAI-compatible mock server, started for runs against `embedded`",
  internal: true,
});
