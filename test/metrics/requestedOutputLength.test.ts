import { createServer } from "node:http";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { removeDir, tempDir, writeFiles } from "../helpers/fixtures.js";
import { profileWith } from "../helpers/profileApp.js";
import { scratch } from "../helpers/scratch.js";

const my = scratch();
const dir = tempDir("requested-osl");
afterAll(() => removeDir(dir));

/** Answers every chat request with `completionTokens` tokens of usage, whatever max_tokens asked. */
async function stubbornServer(completionTokens: number): Promise<string> {
  const server = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      res.setHeader("content-type", "application/json");
      if (req.method === "GET") return res.end(JSON.stringify({ data: [{ id: "m" }] }));
      const usage = { prompt_tokens: 10, completion_tokens: completionTokens, total_tokens: 10 + completionTokens };
      res.end(JSON.stringify({ choices: [{ index: 0, message: { role: "assistant", content: "short" }, finish_reason: "stop" }], usage }));
    });
  });
  return my.listen(server);
}

function run(url: string, out: string) {
  return profileWith({
    endpoint: { url, model: "m", streaming: false, preflight: false },
    dataset: { output_tokens_mean: 12, output_tokens_stddev: 0 },
    phases: { warmup: { requests: 0 }, profiling: { requests: 3 } },
    output: { dir: path.join(dir, out), console_exporters: [] },
  });
}

describe("requested vs actual output length", () => {
  it("a server that stops early shows as requested 12, shortfall 12 − what it produced", async () => {
    const { results } = await run(await stubbornServer(4), "short");
    const metric = (tag: string) => results.metrics.find((m) => m.tag === tag);
    expect(metric("requested_output_sequence_length")?.avg).toBe(12);
    expect(metric("output_sequence_length")?.avg).toBe(4);
    expect(metric("output_sequence_length_shortfall")?.avg).toBe(8);
  });

  it("without a requested length there is no row for either", async () => {
    writeFiles(dir, { "turns.jsonl": '{"text": "hi"}\n{"text": "ho"}\n' });
    const { results } = await profileWith({
      endpoint: { url: await stubbornServer(4), model: "m", streaming: false, preflight: false },
      // A custom dataset without `output_length`: the requests ask for no length.
      dataset: { composer: "custom", loader: "single_turn", file: path.join(dir, "turns.jsonl") },
      phases: { warmup: { requests: 0 }, profiling: { requests: 2 } },
      output: { dir: path.join(dir, "none"), console_exporters: [] },
    });
    const tags = results.metrics.map((m) => m.tag);
    expect(tags).toContain("output_sequence_length");
    expect(tags).not.toContain("requested_output_sequence_length");
    expect(tags).not.toContain("output_sequence_length_shortfall");
  });
});
