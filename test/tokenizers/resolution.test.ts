import { writeFileSync } from "node:fs";
import path from "node:path";
import { type App, type AppConfig, resolveRunTokenizer, TokenizerErrorCode } from "aiperf";
import { createTestApp } from "aiperf/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { removeDir, tempDir } from "../helpers/fixtures.js";
import { fakeHfHome, shippedTokenizerJson } from "./fakeHfCache.js";

let home: string;
let scratch: string;
const apps: App<AppConfig>[] = [];

beforeAll(() => {
  home = fakeHfHome(tempDir("hf-home"), ["meta-llama/Llama-3.1-8B-Instruct", "Qwen/Qwen3-8B"]);
  scratch = tempDir("tok");
});
afterAll(async () => {
  for (const app of apps.splice(0)) await app.dispose();
  removeDir(home);
  removeDir(scratch);
});

/** An app with `tokenizer:`/`endpoint.model`, and what it logged at info level. */
async function appWith(config: Record<string, unknown>): Promise<{ app: App<AppConfig>; notices: string[] }> {
  const notices: string[] = [];
  const logger = { debug: () => {}, info: (m: string) => notices.push(m), warn: (m: string) => notices.push(m), error: () => {} };
  const app = await createTestApp({ config, noCache: true, logger });
  apps.push(app);
  return { app, notices };
}

const offline = () => ({ env: { HF_HOME: home } });

describe("--tokenizer resolves offline", () => {
  it("a Hugging Face model id from the local cache (snapshot symlinks followed, case ignored) counts like Llama 3", async () => {
    const spec = "meta-llama/llama-3.1-8b-instruct";
    const { app } = await appWith({ tokenizer: { name: spec } });
    const { tokenizer, info } = await resolveRunTokenizer(app, offline());
    expect(tokenizer?.encode("Hello world")).toEqual([9906, 1917]);
    expect(info).toEqual({ name: spec, spec, useServerTokenCount: false });
  });

  it("the endpoint's model name, when no --tokenizer is given: Qwen 3 ids", async () => {
    const { app, notices } = await appWith({ endpoint: { model: "Qwen/Qwen3-8B" }, tokenizer: { use_server_usage: true } });
    const { tokenizer, info } = await resolveRunTokenizer(app, offline());
    expect(tokenizer?.encode("Hello world")).toEqual([9707, 1879]);
    expect(tokenizer?.decode(tokenizer.encode("Hello world! 你好"))).toBe("Hello world! 你好");
    expect(info.useServerTokenCount).toBe(true);
    expect(notices).toEqual([]);
  });

  it("HF_HUB_CACHE wins over HF_HOME", async () => {
    const { app } = await appWith({ tokenizer: { name: "Qwen/Qwen3-8B" } });
    const { tokenizer } = await resolveRunTokenizer(app, { env: { HF_HOME: "/nonexistent", HF_HUB_CACHE: path.join(home, "hub") } });
    expect(tokenizer?.count("Hello world")).toBe(2);
  });

  it("a folder holding tokenizer.json, and a tokenizer.json path", async () => {
    const file = shippedTokenizerJson("Qwen/Qwen3-8B");
    for (const spec of [path.dirname(file), file]) {
      const { app } = await appWith({ tokenizer: { name: spec } });
      const { tokenizer } = await resolveRunTokenizer(app, offline());
      expect(tokenizer?.name).toBe(spec);
      expect(tokenizer?.encode("Hello world")).toEqual([9707, 1879]);
    }
  });

  it("OpenAI encodings: o200k_base and cl100k_base count a known string", async () => {
    const expected = { o200k_base: [13225, 2375], cl100k_base: [9906, 1917] };
    for (const [spec, ids] of Object.entries(expected)) {
      const { app } = await appWith({ tokenizer: { name: spec } });
      const { tokenizer } = await resolveRunTokenizer(app, offline());
      expect(tokenizer?.name).toBe(spec);
      expect(tokenizer?.encode("Hello world")).toEqual(ids);
      // Special tokens written in a response are text, not an error.
      expect(tokenizer?.count("a <|endoftext|> b")).toBeGreaterThan(3);
    }
    const { app } = await appWith({ tokenizer: { name: "o200k_base" } });
    const { tokenizer } = await resolveRunTokenizer(app, offline());
    expect(tokenizer?.count("The quick brown fox jumps over the lazy dog.")).toBe(10);
  });

  it("an unknown model name without --tokenizer: one notice naming where it looked, and no tokenizer", async () => {
    const { app, notices } = await appWith({ endpoint: { model: "acme/unknown-model", url: "http://127.0.0.1:9" } });
    const { tokenizer, info, notice } = await resolveRunTokenizer(app, offline());
    expect(tokenizer).toBeUndefined();
    expect(info.name).toBeNull();
    // Returned, not logged: the run prints it once the server passed its pre-flight check.
    expect(notices).toEqual([]);
    expect(notice).toContain(path.join(home, "hub", "models--acme--unknown-model", "snapshots", "*", "tokenizer.json"));
    expect(notice).toContain("usage");
    expect(notice).toContain("chunks");
  });

  it("against the embedded mock server (which always sends usage) a missing tokenizer is no notice", async () => {
    const { app, notices } = await appWith({ endpoint: { model: "acme/unknown-model" } });
    const { tokenizer, notice } = await resolveRunTokenizer(app, offline());
    expect(tokenizer).toBeUndefined();
    expect(notice).toBeUndefined();
    expect(notices).toEqual([]);
  });

  it("an explicit tokenizer that does not resolve is a coded error with the closest cached model", async () => {
    const { app } = await appWith({ tokenizer: { name: "Qwen/Qwen3-7B" } });
    const error = await resolveRunTokenizer(app, offline()).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: TokenizerErrorCode.NotFound });
    const message = (error as Error).message;
    expect(message).toContain(path.join(home, "hub", "models--Qwen--Qwen3-7B", "snapshots", "*", "tokenizer.json"));
    expect(message).toContain('Did you mean "Qwen/Qwen3-8B"?');
    expect(message).toContain("Cached models: Qwen/Qwen3-8B, meta-llama/Llama-3.1-8B-Instruct.");
  });

  it("a misspelt OpenAI encoding suggests the built-in name", async () => {
    const { app } = await appWith({ tokenizer: { name: "o200k_bas" } });
    const error = await resolveRunTokenizer(app, offline()).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: TokenizerErrorCode.NotFound });
    expect((error as Error).message).toContain('Did you mean "o200k_base"?');
  });

  it("tokenizer: none counts nothing client-side, without a notice", async () => {
    const { app, notices } = await appWith({ tokenizer: { name: "none" } });
    expect((await resolveRunTokenizer(app, offline())).tokenizer).toBeUndefined();
    expect(notices).toEqual([]);
  });

  it("a tokenizer.json that is no tokenizer is a coded error naming the file", async () => {
    const file = path.join(scratch, "tokenizer.json");
    writeFileSync(file, JSON.stringify({ version: "1.0" }));
    const { app } = await appWith({ tokenizer: { name: file } });
    const error = await resolveRunTokenizer(app, offline()).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: TokenizerErrorCode.Invalid });
    expect((error as Error).message).toContain(file);
  });
});
