import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMock } from "../helpers/profileApp.js";

describe("the official openai client talks to the mock server", () => {
  let mock: Awaited<ReturnType<typeof startMock>>;
  let client: OpenAI;
  beforeAll(async () => {
    mock = await startMock({ ttftMs: 1, itlMs: 1, outputTokens: 5 });
    client = new OpenAI({ baseURL: `${mock.url}/v1`, apiKey: "test-key", maxRetries: 0 });
  });
  afterAll(() => mock.stop());

  it("chat, not streaming", async () => {
    const reply = await client.chat.completions.create({ model: "mock-model", messages: [{ role: "user", content: "hello there" }], max_tokens: 3 });
    expect(reply.choices[0]?.message.content?.split(" ")).toHaveLength(3);
    expect(reply.usage).toMatchObject({ prompt_tokens: 2, completion_tokens: 3 });
  });

  it("chat, streaming, with a usage chunk", async () => {
    const stream = await client.chat.completions.create({
      model: "mock-model",
      messages: [{ role: "user", content: "hi" }],
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = "";
    let usage: unknown;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta?.content ?? "";
      if (chunk.usage) usage = chunk.usage;
    }
    expect(text.split(" ")).toHaveLength(5);
    expect(usage).toMatchObject({ completion_tokens: 5 });
  });

  it("completions, streaming and not, and the model list", async () => {
    const reply = await client.completions.create({ model: "mock-model", prompt: "say", max_tokens: 4 });
    expect(reply.choices[0]?.text.split(" ")).toHaveLength(4);
    const stream = await client.completions.create({ model: "mock-model", prompt: "say", max_tokens: 2, stream: true });
    let text = "";
    for await (const chunk of stream) text += chunk.choices[0]?.text ?? "";
    expect(text.split(" ")).toHaveLength(2);
    const models = await client.models.list();
    expect(models.data.map((m) => m.id)).toContain("mock-model");
  });
});
