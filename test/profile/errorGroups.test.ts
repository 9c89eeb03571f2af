import { describe, expect, it } from "vitest";
import { errorGroupKey } from "../../src/profiler/run/errorGroupKey.js";

const CHAT = "HTTP 400 from POST /v1/chat/completions: ";

/** How many groups these messages make. */
const groups = (messages: readonly string[]) => new Set(messages.map(errorGroupKey)).size;

describe("error messages that differ only in their numbers or ids are one group", () => {
  it("a rate limit that numbers each request is one group, whatever the count", () => {
    const messages = [21, 27, 3, 140, 1999].map((n) => `HTTP 429 from POST /v1/chat/completions: rate limited req ${n}`);
    expect(groups(messages)).toBe(1);
    expect(errorGroupKey(messages[0] as string)).toBe("HTTP 429 from POST /v1/chat/completions: rate limited req <n>");
  });

  it("context-length errors asking for different token counts are one group (OpenAI and vLLM wording)", () => {
    const openai = (max: number, prompt: number, completion: number) =>
      `${CHAT}This model's maximum context length is ${max} tokens. However, you requested ${prompt + completion} tokens (${prompt} in the messages, ${completion} in the completion). Please reduce the length of the messages or completion.`;
    const vllm = (max: number, prompt: number, completion: number) =>
      `${CHAT}'max_tokens' or 'max_completion_tokens' is too large: ${completion}. This model's maximum context length is ${max} tokens and your request has ${prompt} input tokens (${completion} > ${max} - ${prompt}).`;
    expect(groups([openai(4096, 3900, 300), openai(4096, 4000, 250), openai(2048, 1900, 512)])).toBe(1);
    expect(groups([vllm(2048, 100, 2000), vllm(2048, 350, 1990), vllm(1024, 64, 999)])).toBe(1);
  });

  it("rate limits asking to retry after different waits are one group", () => {
    const limit = (used: number, asked: number, wait: string) =>
      `HTTP 429 from POST /v1/chat/completions: Rate limit reached for gpt-4o in organization org-abc123def456 on tokens per min (TPM): Limit 30,000, Used ${used}, Requested ${asked}. Please try again in ${wait}.`;
    expect(groups([limit(29850, 700, "20s"), limit(29990, 12, "1.5s"), limit(30000, 4000, "6m0s"), limit(1, 2, "120ms")])).toBe(1);
  });

  it("request ids, trace ids, hashes and times are one group", () => {
    const failed = (id: string, trace: string, uuid: string, hash: string, at: string) =>
      `HTTP 500 from POST /v1/chat/completions: upstream failed (${id}, trace ${trace}, request ${uuid}, block ${hash}, at ${at})`;
    expect(
      groups([
        failed("chatcmpl-9fA8b7C6d5", "4bf92f3577b34da6a3ce929d0e0e4736", "0f8e2b1c-3d4a-4b5c-9d6e-7f8a9b0c1d2e", "0xdeadbeef", "2026-11-23T07:18:28.123Z"),
        failed("chatcmpl-Q1w2E3r4T5", "0af7651916cd43dd8448eb211c80319c", "a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d", "0x1f", "2026-11-24T10:00:01Z"),
        failed("chatcmpl-1712345678", "5e0a1f2b3c4d5e6f7a8b9c0d1e2f3a4b", "ffffffff-0000-4000-8000-000000000000", "0x0", "2026-11-25T23:59:59+01:00"),
      ]),
    ).toBe(1);
  });
});

describe("what tells failures apart stays in the group", () => {
  it("HTTP 500 and HTTP 503 with the same body are two groups", () => {
    expect(groups(["HTTP 500 from POST /v1/chat/completions: upstream error", "HTTP 503 from POST /v1/chat/completions: upstream error"])).toBe(2);
    expect(groups(["HTTP 429 from POST /v1/chat/completions: req 1", "HTTP 503 from POST /v1/chat/completions: req 1"])).toBe(2);
  });

  it("model names, versions, addresses and paths are kept as written", () => {
    for (const message of [
      "HTTP 404 from POST /v1/chat/completions: The model `Meta-Llama-3.1-8B-Instruct` does not exist.",
      "HTTP 404 from POST /v1/chat/completions: The model `gpt-4o-2024-08-06` does not exist.",
      "HTTP 404 from POST /v1/chat/completions: The model `claude-3-5-sonnet-20241022` does not exist.",
      "HTTP 404 from POST /v2/models/qwen2.5-72b/generate: not served by vLLM 0.6.3 at 10.0.0.7:8000 (llama3.1:8b is)",
    ])
      expect(errorGroupKey(message)).toBe(message);
    expect(groups(["The model `Meta-Llama-3.1-8B-Instruct` does not exist.", "The model `Meta-Llama-3.1-70B-Instruct` does not exist."])).toBe(2);
  });
});
