import { readFileSync } from "node:fs";
import path from "node:path";
import { Endpoint, MetricErrorCode, type MetricResult, RecordProcessor, ResultsProcessor, runProfile } from "aiperf";
import { createTestApp } from "aiperf/testing";
import { afterAll, describe, expect, it } from "vitest";
import { removeDir, repoRoot, tempDir, writeFiles } from "../helpers/fixtures.js";
import { profileWith } from "../helpers/profileApp.js";

const fixture = path.join(repoRoot, "test", "fixtures", "metric-plugin");
const BUILTIN_ORDER = [
  "request_latency",
  "time_to_first_token",
  "inter_token_latency",
  "output_sequence_length",
  "input_sequence_length",
  "output_token_throughput",
  "request_throughput",
  "request_count",
  "error_count",
  "error_rate",
];
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) removeDir(d);
});

describe("a plugin's metric reaches the table and every export by being registered", () => {
  it("shows in the summary table, profile_export.json and profile_export.csv, after the built-ins", async () => {
    const dir = tempDir("metric");
    dirs.push(dir);
    // Token counts are fixed by the dataset (32 in, 8 out), so every value below is exact.
    const { results, printed } = await profileWith({
      plugins: { paths: [fixture] },
      dataset: { input_tokens_mean: 32, output_tokens_mean: 8 },
      endpoint: { mock: { ttft_ms: 0, itl_ms: 0 } },
      timing: { strategy: "concurrency", concurrency: 2 },
      phases: { warmup: { requests: 0 }, profiling: { requests: 6 } },
      output: { dir, data_exporters: ["json", "csv"], console_exporters: ["summary_table"] },
    });
    expect(results.records).toHaveLength(6);

    // The table comes in two blocks on 80 columns: avg min max std, then p50 p90 p95 p99.
    expect(printed).toMatch(/^Total tokens per request \(tokens\) +40 +40 +40 +0$/m);
    expect(printed).toMatch(/^Total tokens per request \(tokens\) +40 +40 +40 +40$/m);
    expect(printed).toMatch(/^Output tokens in total \(tokens\) +48$/m);

    const json = JSON.parse(readFileSync(path.join(dir, "latest", "profile_export.json"), "utf8")) as { metrics: MetricResult[] };
    const tag = (t: string) => json.metrics.find((m) => m.tag === t);
    expect(tag("total_sequence_length")).toEqual({
      tag: "total_sequence_length",
      header: "Total tokens per request",
      unit: "tokens",
      count: 6,
      sum: 240,
      avg: 40,
      min: 40,
      max: 40,
      std: 0,
      p1: 40,
      p5: 40,
      p10: 40,
      p25: 40,
      p50: 40,
      p75: 40,
      p90: 40,
      p95: 40,
      p99: 40,
    });
    expect(tag("output_tokens_total")).toEqual({ tag: "output_tokens_total", header: "Output tokens in total", unit: "tokens", count: 1, avg: 48 });
    const order = json.metrics.map((m) => m.tag);
    expect(order.filter((t) => BUILTIN_ORDER.includes(t))).toEqual(BUILTIN_ORDER);
    expect(order.indexOf("total_sequence_length")).toBeGreaterThan(order.indexOf("error_rate"));
    expect(order.indexOf("output_tokens_total")).toBeGreaterThan(order.indexOf("total_sequence_length"));

    const csv = readFileSync(path.join(dir, "latest", "profile_export.csv"), "utf8").split("\n");
    expect(csv).toContain("total_sequence_length,Total tokens per request,tokens,6,40,40,40,0,40,40,40,40");
    expect(csv).toContain("output_tokens_total,Output tokens in total,tokens,1,48,,,,,,,");
  });

  it("a dependency cycle between plugin metrics fails with its code before any request is sent", async () => {
    const dir = tempDir("cycle");
    dirs.push(dir);
    const metric = (name: string, other: string) =>
      `export class ${name} {\n  kind = "record";\n  tag = "${name.toLowerCase()}";\n  header = "${name}";\n  unit = "x";\n  dependsOn = ["${other.toLowerCase()}"];\n  compute() {\n    return 1;\n  }\n}\n`;
    writeFiles(dir, {
      "registry.yaml":
        "plugin: { name: cyclic-metrics, version: 1.0.0 }\nmetric:\n  a: { class: ./a.js:A, auto_load: true }\n  b: { class: ./b.js:B, auto_load: true }\n",
      "a.js": metric("A", "B"),
      "b.js": metric("B", "A"),
    });
    let formatted = 0;
    const countingEndpoint = {
      path: "/v1/chat/completions",
      formatRequest: () => {
        formatted++;
        return {};
      },
      parseResponse: () => ({ text: "" }),
    };
    const app = await createTestApp({
      noCache: true,
      config: { ui: { type: "none" }, plugins: { paths: [dir] }, output: { dir, data_exporters: [], console_exporters: [] } },
      overrides: [{ token: Endpoint, useValue: countingEndpoint }],
    });
    try {
      await expect(app.getAll(RecordProcessor)).rejects.toMatchObject({ code: MetricErrorCode.DependencyCycle, message: expect.stringContaining("a → b → a") });
      await expect(app.getAll(ResultsProcessor)).rejects.toMatchObject({ code: MetricErrorCode.DependencyCycle });
      await expect(runProfile(app)).rejects.toMatchObject({ code: MetricErrorCode.DependencyCycle });
      expect(formatted).toBe(0);
    } finally {
      await app.dispose();
    }
  });
});
