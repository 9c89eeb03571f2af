import type { ParsedChunk } from "aiperf";

/** A chat delta or message: content, and reasoning under either name servers use. */
interface OpenAIMessage {
  content?: unknown;
  reasoning_content?: unknown;
  reasoning?: unknown;
}

interface OpenAIPayload {
  choices?: { delta?: OpenAIMessage; message?: OpenAIMessage; text?: unknown }[];
  usage?: { prompt_tokens?: number; completion_tokens?: number; completion_tokens_details?: { reasoning_tokens?: number } | null } | null;
  error?: { message?: string } | string;
}

/** `reasoning_content` (vLLM, DeepSeek) or `reasoning` (OpenRouter, newer vLLM), when a string. */
function reasoningOf(message: OpenAIMessage | undefined): string | undefined {
  const text = message?.reasoning_content ?? message?.reasoning;
  return typeof text === "string" && text.length > 0 ? text : undefined;
}

/**
 * Reads text, reasoning, usage and errors from an OpenAI chat or completions body or SSE chunk. Tolerant of
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
    const reasoning = reasoningOf(choice.delta ?? choice.message);
    if (reasoning !== undefined) out.reasoning = reasoning;
  }
  if (p.usage) {
    if (typeof p.usage.prompt_tokens === "number") out.promptTokens = p.usage.prompt_tokens;
    if (typeof p.usage.completion_tokens === "number") out.completionTokens = p.usage.completion_tokens;
    const reasoningTokens = p.usage.completion_tokens_details?.reasoning_tokens;
    if (typeof reasoningTokens === "number") out.reasoningTokens = reasoningTokens;
  }
  if (p.error !== undefined && p.error !== null) out.error = typeof p.error === "string" ? p.error : (p.error.message ?? JSON.stringify(p.error));
  return out;
}
