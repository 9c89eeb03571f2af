import type { ParsedChunk } from "aiperf";

interface OpenAIPayload {
  choices?: { delta?: { content?: unknown }; message?: { content?: unknown }; text?: unknown }[];
  usage?: { prompt_tokens?: number; completion_tokens?: number } | null;
  error?: { message?: string } | string;
}

/**
 * Reads text, usage and errors from an OpenAI chat or completions body or SSE chunk. Tolerant of
 * missing fields: a payload it does not understand yields empty text rather than throwing.
 */
export function parseOpenAIPayload(payload: unknown): ParsedChunk {
  // `null`, a list or a number is no OpenAI body at all: counting it a success with 0 tokens
  // would report a broken server as a fast one.
  if (payload === null || typeof payload !== "object" || Array.isArray(payload)) {
    return { text: "", error: `the response is not an OpenAI object (got ${payload === null ? "null" : Array.isArray(payload) ? "a list" : typeof payload})` };
  }
  const p = payload as OpenAIPayload;
  if (!("choices" in p) && !("usage" in p) && !("error" in p))
    return { text: "", error: "the response has no choices, usage or error: not an OpenAI completion" };
  const out: ParsedChunk = { text: "" };
  const choice = Array.isArray(p.choices) ? p.choices[0] : undefined;
  if (choice) {
    const text = choice.delta?.content ?? choice.message?.content ?? choice.text;
    if (typeof text === "string") out.text = text;
  }
  if (p.usage) {
    if (typeof p.usage.prompt_tokens === "number") out.promptTokens = p.usage.prompt_tokens;
    if (typeof p.usage.completion_tokens === "number") out.completionTokens = p.usage.completion_tokens;
  }
  if (p.error !== undefined && p.error !== null) out.error = typeof p.error === "string" ? p.error : (p.error.message ?? JSON.stringify(p.error));
  return out;
}
