import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import path from "node:path";
import { resolveRunTokenizer, type Tokenizer } from "aiperf";
import { createTestApp } from "aiperf/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { removeDir, tempDir } from "../helpers/fixtures.js";
import { scratch } from "../helpers/scratch.js";
import { fakeHfHome, shippedTokenizerJson } from "./fakeHfCache.js";

const MODEL = "meta-llama/Llama-3.1-8B-Instruct";
/** What the server streams, one SSE chunk each: several tokens per chunk, and no `usage`. */
const CHUNKS = ["Hello there, my", " good friend: tokenizers", " count what chunks", " never could."];

const my = scratch();
let home: string;
let tokenizer: Tokenizer;
beforeAll(async () => {
  home = fakeHfHome(tempDir("hf-counted"), [MODEL]);
  const app = await createTestApp({ config: { tokenizer: { name: shippedTokenizerJson(MODEL) } }, noCache: true });
  tokenizer = (await resolveRunTokenizer(app)).tokenizer as Tokenizer;
  await app.dispose();
}, 120_000);
afterAll(() => removeDir(home));

/** An OpenAI-style server streaming CHUNKS for every chat request; /v1/models lists MODEL. */
async function chunkServer(): Promise<string> {
  const server = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      if (req.method === "GET") {
        res.setHeader("content-type", "application/json");
        return res.end(JSON.stringify({ data: [{ id: MODEL }] }));
      }
      res.setHeader("content-type", "text/event-stream");
      for (const content of CHUNKS) res.write(`data: ${JSON.stringify({ choices: [{ index: 0, delta: { content } }] })}\n\n`);
      res.end("data: [DONE]\n\n");
    });
  });
  return my.listen(server);
}

interface JsonlRecord {
  metadata: { token_count_source: string; worker_id: string | null };
  metrics: Record<string, { value: number }>;
}

describe("a run counts output tokens with the model's tokenizer, resolved offline from the cache", () => {
  for (const workers of [undefined, "2"]) {
    it(`${workers ? "in 2 worker processes" : "on the main thread"}: OSL is the tokenizer's count, ITL is per token`, async () => {
      const url = await chunkServer();
      const output = my.dir("counted");
      const args = ["profile", "--url", url, "--model", MODEL, "--streaming", "--requests", "4", "--set", "phases.warmup.requests=0", "--ui", "none"];
      const { code, stderr } = await runCli([...args, "--output", output, ...(workers ? ["--workers", workers] : [])], { env: { HF_HOME: home } });
      expect(code, stderr).toBe(0);
      const expected = tokenizer.count(CHUNKS.join(""));
      // The point of the exercise: more tokens than chunks, so counting chunks would be wrong.
      expect(expected).toBeGreaterThan(CHUNKS.length);
      const lines = readFileSync(path.join(output, "latest", "profile_export.jsonl"), "utf8")
        .trim()
        .split("\n");
      const records = lines.map((l) => JSON.parse(l) as JsonlRecord);
      expect(records).toHaveLength(4);
      for (const r of records) {
        expect(r.metadata.token_count_source).toBe("tokenizer");
        expect(r.metrics.output_sequence_length?.value).toBe(expected);
        const latency = r.metrics.request_latency?.value as number;
        const ttft = r.metrics.time_to_first_token?.value as number;
        expect(r.metrics.inter_token_latency?.value).toBeCloseTo((latency - ttft) / (expected - 1), 6);
      }
      const exported = JSON.parse(readFileSync(path.join(output, "latest", "profile_export.json"), "utf8")) as {
        metrics: { tag: string; avg?: number }[];
        tokenizer: { name: string };
      };
      expect(exported.metrics.find((m) => m.tag === "output_sequence_length")?.avg).toBe(expected);
      expect(exported.tokenizer.name).toBe(MODEL);
    }, 120_000);
  }
});
