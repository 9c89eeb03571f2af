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
  const p = (payload ?? {}) as OpenAIPayload;
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
  if (p.error !== undefined) out.error = typeof p.error === "string" ? p.error : (p.error.message ?? JSON.stringify(p.error));
  return out;
}
