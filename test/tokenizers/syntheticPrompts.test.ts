import { type App, type AppConfig, DatasetComposer, Endpoint, resolveRunTokenizer, type Tokenizer } from "aiperf";
import { createTestApp } from "aiperf/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { shippedTokenizerJson } from "./fakeHfCache.js";

const apps: App<AppConfig>[] = [];
afterAll(async () => {
  for (const app of apps.splice(0)) await app.dispose();
});

async function appWith(config: Record<string, unknown>): Promise<App<AppConfig>> {
  const app = await createTestApp({ config, noCache: true });
  apps.push(app);
  return app;
}

/** Loads a tokenizer the way a run does. */
async function tokenizerOf(spec: string): Promise<Tokenizer> {
  const { tokenizer } = await resolveRunTokenizer(await appWith({ tokenizer: { name: spec } }), { env: { HF_HOME: "/nonexistent" } });
  if (!tokenizer) throw new Error(`no tokenizer ${spec}`);
  return tokenizer;
}

const tokenizers: Record<string, Tokenizer> = {};
beforeAll(async () => {
  tokenizers.llama3 = await tokenizerOf(shippedTokenizerJson("meta-llama/Llama-3.1-8B-Instruct"));
  tokenizers.qwen3 = await tokenizerOf(shippedTokenizerJson("Qwen/Qwen3-8B"));
  tokenizers.o200k_base = await tokenizerOf("o200k_base");
});

async function compose(dataset: Record<string, unknown>, count: number, tokenizer?: Tokenizer) {
  const composer = await (await appWith({ dataset })).get(DatasetComposer);
  return composer.compose(count, tokenizer ? { tokenizer } : {});
}

describe("synthetic prompts in tokens", () => {
  for (const name of ["llama3", "qwen3", "o200k_base"]) {
    it(`${name}: with stddev 0 every prompt has exactly input_tokens_mean tokens, tokenized back`, async () => {
      const tokenizer = tokenizers[name] as Tokenizer;
      for (const length of [1, 2, 7, 128, 1000]) {
        const turns = await compose({ input_tokens_mean: length, seed: length }, 4, tokenizer);
        for (const turn of turns) {
          expect(turn.inputTokens).toBe(length);
          expect(tokenizer.count(turn.messages[0]?.content ?? "")).toBe(length);
        }
      }
    });
  }

  it("with a stddev, each prompt has its own sampled length, exactly", async () => {
    const tokenizer = tokenizers.qwen3 as Tokenizer;
    const turns = await compose({ input_tokens_mean: 200, input_tokens_stddev: 40, seed: 3 }, 20, tokenizer);
    expect(new Set(turns.map((t) => t.inputTokens)).size).toBeGreaterThan(5);
    for (const turn of turns) expect(tokenizer.count(turn.messages[0]?.content ?? "")).toBe(turn.inputTokens);
  });

  it("prompts differ between turns and repeat for the same seed", async () => {
    const tokenizer = tokenizers.llama3 as Tokenizer;
    const first = await compose({ input_tokens_mean: 64, seed: 9 }, 3, tokenizer);
    const again = await compose({ input_tokens_mean: 64, seed: 9 }, 3, tokenizer);
    expect(new Set(first.map((t) => t.messages[0]?.content)).size).toBe(3);
    expect(again).toEqual(first);
  });

  it("without a tokenizer, prompts are words, as before", async () => {
    const turns = await compose({ input_tokens_mean: 50, seed: 1 }, 2);
    for (const turn of turns) expect(turn.messages[0]?.content.split(" ")).toHaveLength(50);
  });
});

describe("the requested output length goes in the request", () => {
  it("max_tokens always; ignore_eos and min_tokens with dataset.synthetic.ignore_eos, for chat and completions", async () => {
    for (const type of ["openai_chat", "openai_completions"]) {
      for (const ignoreEos of [false, true]) {
        const app = await appWith({ endpoint: { type }, dataset: { output_tokens_mean: 300, synthetic: { ignore_eos: ignoreEos } } });
        const [turn] = await (await app.get(DatasetComposer)).compose(1);
        const body = (await app.get(Endpoint)).formatRequest(turn as never, { model: "m", streaming: true });
        expect(body.max_tokens).toBe(300);
        if (ignoreEos) expect(body).toMatchObject({ ignore_eos: true, min_tokens: 300 });
        else expect(body).not.toHaveProperty("ignore_eos");
      }
    }
  });
});
