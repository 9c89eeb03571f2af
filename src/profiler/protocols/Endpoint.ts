import { defineProtocol } from "../../kernel/protocol/defineProtocol.js";
import type { Turn } from "../model/Turn.js";

/** Per-run options an endpoint formats requests with. */
export interface EndpointOptions {
  model: string;
  streaming: boolean;
}

/** What one parsed response body or SSE chunk carries. */
export interface ParsedChunk {
  /** Content text of this chunk (empty for role-only or usage-only chunks). */
  text: string;
  promptTokens?: number;
  completionTokens?: number;
  /** An error object found in the payload. */
  error?: string;
}

/** An API dialect (OpenAI chat, completions, ...). */
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
}

/** Formats requests for an LLM API and parses its responses */
export const Endpoint = defineProtocol<Endpoint>({
  name: "endpoint",
  cardinality: "one",
  members: ["formatRequest", "parseResponse"],
  description: "Formats requests for an LLM API and parses its responses",
});
