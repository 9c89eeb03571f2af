import { copyFileSync, readFileSync } from "node:fs";
import { createServer } from "node:http";
import path from "node:path";
import { resolveRunTokenizer, type Tokenizer } from "aiperf";
import { createTestApp } from "aiperf/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { removeDir, tempDir } from "../helpers/fixtures.js";
import { scratch } from "../helpers/scratch.js";
import { fakeHfHome, shippedTokenizerJson } from "./fakeHfCache.js";

const my = scratch();
let home: string;
beforeAll(() => {
  home = fakeHfHome(tempDir("hf-home"), ["meta-llama/Llama-3.1-8B-Instruct", "Qwen/Qwen3-8B"]);
});
afterAll(() => removeDir(home));

/** An OpenAI-shaped server that keeps every request body it gets; /v1/models lists `models`. */
async function recordingServer(models: string[]): Promise<{ url: string; bodies: Record<string, unknown>[]; requests: () => number }> {
  const bodies: Record<string, unknown>[] = [];
  let requests = 0;
  const server = createServer((req, res) => {
    requests++;
    let text = "";
    req.on("data", (d) => (text += d));
    req.on("end", () => {
      res.setHeader("content-type", "application/json");
      if (req.method === "GET") return res.end(JSON.stringify({ data: models.map((id) => ({ id })) }));
      bodies.push(JSON.parse(text) as Record<string, unknown>);
      res.end(JSON.stringify({ choices: [{ index: 0, message: { role: "assistant", content: "Hello world" }, finish_reason: "stop" }] }));
    });
  });
  return { url: await my.listen(server), bodies, requests: () => requests };
}

function profileArgs(url: string, model: string, output: string, extra: string[] = []): string[] {
  return [
    "profile",
    "--url",
    url,
    "--model",
    model,
    "--requests",
    "3",
    "--set",
    "phases.warmup.requests=0",
    "--no-streaming",
    "--ui",
    "none",
    "--output",
    output,
    ...extra,
  ];
}

async function llama3(): Promise<Tokenizer> {
  const app = await createTestApp({ config: { tokenizer: { name: shippedTokenizerJson("meta-llama/Llama-3.1-8B-Instruct") } }, noCache: true });
  const { tokenizer } = await resolveRunTokenizer(app);
  await app.dispose();
  if (!tokenizer) throw new Error("llama3 tokenizer not loaded");
  return tokenizer;
}

describe("aiperf profile with tokenizers", () => {
  it("the model name resolves from the local cache: prompts of exactly the requested tokens, max_tokens, ignore_eos; recorded in the export", async () => {
    const model = "meta-llama/Llama-3.1-8B-Instruct";
    const server = await recordingServer([model]);
    const output = my.dir("tok-run");
    const extra = ["--set", "dataset.input_tokens_mean=100", "--set", "dataset.output_tokens_mean=40", "--set", "dataset.synthetic.ignore_eos=true"];
    const { code, stderr } = await runCli(profileArgs(server.url, model, output, extra), { env: { HF_HOME: home } });
    expect(stderr).not.toContain("no tokenizer");
    expect(code).toBe(0);
    expect(server.bodies).toHaveLength(3);
    const tokenizer = await llama3();
    for (const body of server.bodies) {
      const [message] = body.messages as { content: string }[];
      expect(tokenizer.count(message?.content ?? "")).toBe(100);
      expect(body).toMatchObject({ max_tokens: 40, ignore_eos: true, min_tokens: 40 });
    }
    const exported = JSON.parse(readFileSync(path.join(output, "latest", "profile_export.json"), "utf8"));
    expect(exported.tokenizer).toEqual({ name: model, spec: model, useServerTokenCount: false });
  });

  it("a model name that does not resolve: one notice line naming where it looked, and the run goes on", async () => {
    const server = await recordingServer(["acme/unknown-model"]);
    const { code, stderr } = await runCli(profileArgs(server.url, "acme/unknown-model", my.dir("tok-none")), { env: { HF_HOME: home } });
    expect(code).toBe(0);
    const notices = stderr.split("\n").filter((line) => line.includes("no tokenizer"));
    expect(notices).toHaveLength(1);
    expect(notices[0]).toContain(path.join(home, "hub", "models--acme--unknown-model", "snapshots", "*", "tokenizer.json"));
    expect(server.bodies).toHaveLength(3);
  });

  it("an explicit --tokenizer that does not resolve: exit 2, a coded error with the closest cached model, nothing sent", async () => {
    const server = await recordingServer(["m"]);
    const { code, stderr } = await runCli(profileArgs(server.url, "m", my.dir("tok-bad"), ["--tokenizer", "Qwen/Qwen3-7B"]), { env: { HF_HOME: home } });
    expect(code).toBe(2);
    expect(stderr).toContain("AIPERF_TOKENIZER_NOT_FOUND");
    expect(stderr).toContain('Did you mean "Qwen/Qwen3-8B"?');
    expect(stderr).not.toMatch(/^\s+at /m);
    expect(server.requests()).toBe(0);
  });

  it("--tokenizer takes a tokenizer.json path relative to the current folder, and --use-server-token-count is recorded", async () => {
    const server = await recordingServer(["m"]);
    const output = my.dir("tok-path");
    const cwd = my.dir("tok-cwd");
    copyFileSync(shippedTokenizerJson("Qwen/Qwen3-8B"), path.join(cwd, "tokenizer.json"));
    const { code } = await runCli(profileArgs(server.url, "m", output, ["--tokenizer", "./tokenizer.json", "--use-server-token-count"]), {
      cwd,
      env: { HF_HOME: home },
    });
    expect(code).toBe(0);
    const exported = JSON.parse(readFileSync(path.join(output, "latest", "profile_export.json"), "utf8"));
    expect(exported.tokenizer).toEqual({ name: path.join(cwd, "tokenizer.json"), spec: path.join(cwd, "tokenizer.json"), useServerTokenCount: true });
    expect(exported.config.tokenizer).toEqual({ name: path.join(cwd, "tokenizer.json"), use_server_usage: true });
  });

  it("a tokenizer runs with worker threads too (it stays on the main thread)", async () => {
    const server = await recordingServer(["m"]);
    const { code, stderr } = await runCli(profileArgs(server.url, "m", my.dir("tok-workers"), ["--tokenizer", "o200k_base", "--workers", "2"]), {
      env: { HF_HOME: home },
    });
    expect(stderr).not.toContain("could not be cloned");
    expect(code).toBe(0);
    expect(server.bodies).toHaveLength(3);
  });
});
