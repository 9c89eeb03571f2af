import { defineProtocol } from "../../kernel/protocol/defineProtocol.js";
import type { Turn } from "../model/Turn.js";

/**
 * Per-run options an endpoint formats requests with.
 * @public
 */
export interface EndpointOptions {
  model: string;
  streaming: boolean;
}

/**
 * What one parsed response body or SSE chunk carries.
 * @public
 */
export interface ParsedChunk {
  /** Content text of this chunk (empty for role-only or usage-only chunks). */
  text: string;
  /** Reasoning text of this chunk (`reasoning_content` / `reasoning`), if any. */
  reasoning?: string;
  promptTokens?: number;
  completionTokens?: number;
  /** `usage.completion_tokens_details.reasoning_tokens`, if sent. */
  reasoningTokens?: number;
  /** An error object found in the payload. */
  error?: string;
}

/**
 * Where a run will send, for an endpoint's pre-flight check.
 * @public
 */
export interface ProbeTarget {
  /** Base URL (the embedded server's real one for `embedded`). */
  url: string;
  model: string;
  apiKey?: string;
  headers?: Readonly<Record<string, string>>;
  timeoutMs: number;
  /** Keep probing this long until the model is served (0: check once). */
  waitForModelS: number;
  /** Aborted on Ctrl-C. */
  signal?: AbortSignal;
}

/**
 * An API dialect (OpenAI chat, completions, ...).
 * @public
 */
export interface Endpoint {
  /** Request path, for example `/v1/chat/completions`. */
  readonly path: string;
  /**
   * The request body for a turn. Must depend only on (turn, options): the profiler serializes it
   * once per turn and reuses it when the dataset cycles.
   */
  formatRequest(turn: Turn, options: EndpointOptions): Record<string, unknown>;
  /** Parses one non-streaming body or one SSE `data:` payload (already JSON-decoded). */
  parseResponse(payload: unknown): ParsedChunk;
  /**
   * Optional fast path, called instead of `parseResponse(JSON.parse(data))` with the payload's raw
   * text: must return exactly what that would (and throw JSON.parse's `SyntaxError` for text that
   * is not JSON). The built-in OpenAI endpoints read the usual chunk shape without JSON.parse.
   */
  parseResponseText?(data: string): ParsedChunk;
  /**
   * Checks the server before warm-up and throws one clear coded error (`EndpointError`) instead
   * of letting every request fail: reachable, speaks this API, serves the model. Optional.
   */
  probe?(target: ProbeTarget): Promise<void>;
}

/** Formats requests for an LLM API and parses its responses */
export const Endpoint = defineProtocol<Endpoint>({
  name: "endpoint",
  cardinality: "one",
  members: ["formatRequest", "parseResponse"],
  description: "Formats requests for an LLM API and parses its responses",
});
