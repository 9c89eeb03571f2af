import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type MetricResult, runProfile } from "aiperf";
import { createTestApp } from "aiperf/testing";
import { afterAll, describe, expect, it } from "vitest";

const pluginDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const out = mkdtempSync(path.join(tmpdir(), "example-metric-"));

/** A short run against the embedded mock server, which sends 8 output tokens one per chunk when streaming. */
async function profile(streaming: boolean): Promise<{ metrics: MetricResult[]; csv: string }> {
  const dir = path.join(out, streaming ? "streaming" : "whole");
  const app = await createTestApp({
    root: out,
    noCache: true,
    config: {
      plugins: { paths: [pluginDir] },
      endpoint: { streaming, mock: { ttft_ms: 0, itl_ms: 0 } },
      dataset: { output_tokens_mean: 8 },
      phases: { warmup: { requests: 0 }, profiling: { requests: 4 } },
      output: { dir, data_exporters: ["csv"], console_exporters: [] },
      ui: { type: "none" },
    },
  });
  try {
    const { results } = await runProfile(app);
    return { metrics: results.metrics, csv: readFileSync(path.join(dir, "latest", "profile_export.csv"), "utf8") };
  } finally {
    await app.dispose();
  }
}

describe("tokens_per_chunk", () => {
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it("is 1 when the server streams token by token, and is exported after the built-in metrics", async () => {
    const { metrics, csv } = await profile(true);
    const tags = metrics.map((m) => m.tag);
    expect(tags.at(-1)).toBe("tokens_per_chunk");
    expect(tags).toContain("request_latency");
    expect(metrics.at(-1)).toMatchObject({ header: "Output tokens per chunk", unit: "tokens", count: 4, avg: 1, min: 1, max: 1 });
    expect(csv).toContain("tokens_per_chunk,Output tokens per chunk,tokens,4,1,1,1,0,1,1,1,1");
  });

  it("is the whole output when the response comes in one piece", async () => {
    const { metrics } = await profile(false);
    expect(metrics.find((m) => m.tag === "tokens_per_chunk")).toMatchObject({ count: 4, avg: 8, min: 8, max: 8 });
  });
});
