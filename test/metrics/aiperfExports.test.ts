import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../helpers/fixtures.js";
import { profileWith } from "../helpers/profileApp.js";
import { scratch } from "../helpers/scratch.js";
import { scriptedServer } from "./scriptedServer.js";

const my = scratch();
const doc = readFileSync(path.join(repoRoot, "docs", "metrics.md"), "utf8");

/** The definitions table: our tag → its AIPerf tag and whether it is streaming-only. */
const definitions = [...doc.matchAll(/^\| `([a-z0-9_]+)` \| `([a-z0-9_]+)` \|[^|]*\|[^|]*\| *(yes)? *\|/gm)].map((m) => ({
  tag: m[1] as string,
  aiperf: m[2] as string,
  streaming: m[3] === "yes",
}));
const documentedTags = new Set(definitions.map((d) => d.aiperf));
const streamingTags = definitions.filter((d) => d.streaming).map((d) => d.aiperf);

/** The part of the doc about one file. */
function section(file: string): string {
  const start = doc.indexOf(`**\`${file}\`**`);
  const end = doc.indexOf("\n\n**", start + 1);
  return doc.slice(start, end < 0 ? undefined : end);
}
const backticked = (text: string) => [...text.matchAll(/`([^`]+)`/g)].map((m) => m[1] as string);

const jsonDoc = doc.slice(doc.indexOf("**`profile_export_aiperf.json`**"), doc.indexOf("**`profile_export_aiperf.csv`**"));
const otherJsonKeys = [...jsonDoc.matchAll(/^\| `([a-z_]+)` \|/gm)].map((m) => m[1] as string);
const recordShapeKeys =
  /A record metric is\s*`\{ ([^}]*) \}`/
    .exec(jsonDoc)?.[1]
    ?.match(/"(\w+)"/g)
    ?.map((k) => k.slice(1, -1)) ?? [];
const csvHeader = backticked(section("profile_export_aiperf.csv")).find((t) => t.startsWith("Metric,avg"));
const metadataKeys = backticked(/- `metadata`:([\s\S]*?)\n- `metrics`/.exec(doc)?.[1] ?? "");

const EXPORTERS = ["json", "csv", "aiperf_json", "aiperf_csv", "aiperf_jsonl"];

async function run(config: Record<string, unknown>) {
  const dir = my.dir("aiperf-exports");
  // An empty application root: only the built-in metrics (the repository's example plugin adds one).
  const result = await profileWith(
    {
      phases: { warmup: { requests: 0 }, profiling: { requests: 4 } },
      timing: { strategy: "concurrency", concurrency: 2 },
      output: { dir, data_exporters: EXPORTERS, console_exporters: ["summary_table"] },
      ...config,
    },
    { root: my.dir("root") },
  );
  const read = (name: string) => readFileSync(path.join(result.dir, name), "utf8");
  const json = JSON.parse(read("profile_export_aiperf.json")) as Record<string, Record<string, unknown>>;
  const csv = read("profile_export_aiperf.csv");
  const jsonl = read("profile_export.jsonl")
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as { metadata: Record<string, unknown>; metrics: Record<string, { value: unknown; unit: string }>; error: unknown });
  const metricKeys = Object.keys(json).filter((k) => !otherJsonKeys.includes(k));
  return { ...result, json, csv, jsonl, metricKeys };
}

describe("AIPerf-compatible exports match docs/metrics.md", () => {
  it("the doc lists the tags, keys, CSV header and record fields the test checks against", () => {
    expect(definitions.length).toBeGreaterThan(30);
    expect(otherJsonKeys).toEqual(["was_cancelled", "start_time", "end_time", "error_summary", "thresholds", "input_config"]);
    expect(recordShapeKeys).toEqual(["unit", "avg", "p1", "p5", "p10", "p25", "p50", "p75", "p90", "p95", "p99", "min", "max", "std"]);
    expect(csvHeader).toBe("Metric,avg,min,max,p1,p5,p10,p25,p50,p75,p90,p95,p99,std");
    expect(metadataKeys).toContain("request_start_ns");
  });

  it("streaming: profile_export_aiperf.json/.csv and profile_export.jsonl have the documented shape and tags", async () => {
    const { json, csv, jsonl, metricKeys, results } = await run({
      endpoint: { mock: { ttft_ms: 0, itl_ms: 0, output_tokens: 6 } },
      dataset: { output_tokens_mean: 6 },
      thresholds: ["error_rate<1"],
    });
    for (const key of metricKeys) expect(documentedTags, key).toContain(key);
    for (const key of [
      "request_latency",
      "time_to_first_token",
      "inter_token_latency",
      "inter_chunk_latency",
      "output_sequence_length",
      "request_throughput",
      "benchmark_duration",
      "error_request_count",
      "request_error_rate",
    ])
      expect(metricKeys).toContain(key);
    expect(Object.keys(json.request_latency ?? {})).toEqual(recordShapeKeys);
    expect(Object.keys(json.request_throughput ?? {})).toEqual(["unit", "avg"]);
    expect(json.request_throughput?.unit).toBe("requests/sec");
    expect(json.output_sequence_length?.avg).toBe(6);
    expect(Object.keys(json).filter((k) => otherJsonKeys.includes(k))).toEqual(otherJsonKeys);

    const [header, ...rest] = csv.split("\n");
    expect(header).toBe(csvHeader);
    expect(rest).toContain("Output Sequence Length (tokens),6,6,6,6,6,6,6,6,6,6,6,6,0");
    expect(rest).toContain("Metric,Value");
    expect(rest).toContain("Request Count (requests),4");

    expect(jsonl).toHaveLength(results.records.length);
    for (const line of jsonl) {
      expect(Object.keys(line)).toEqual(["metadata", "metrics", "error"]);
      expect(Object.keys(line.metadata)).toEqual(metadataKeys);
      for (const tag of Object.keys(line.metrics)) expect(documentedTags, tag).toContain(tag);
      expect(line.error).toBeNull();
      expect(line.metrics.output_sequence_length).toEqual({ value: 6, unit: "tokens" });
      expect(Array.isArray(line.metrics.inter_chunk_latency?.value)).toBe(true);
    }
  });

  it("non-streaming: no TTFT, ITL or other streaming-only metric in the table, the results or any export", async () => {
    const url = await my.listen(
      scriptedServer((_req, res) => {
        res.setHeader("content-type", "application/json");
        res.end(JSON.stringify({ choices: [{ message: { content: "one two three" } }], usage: { prompt_tokens: 3, completion_tokens: 3 } }));
      }),
    );
    const { json, csv, jsonl, metricKeys, results, printed, dir } = await run({ endpoint: { url, model: "m", streaming: false } });
    expect(streamingTags.length).toBeGreaterThan(5);
    for (const tag of streamingTags) {
      expect(metricKeys, tag).not.toContain(tag);
      expect(results.metrics.map((m) => m.tag)).not.toContain(tag);
      for (const line of jsonl) expect(Object.keys(line.metrics)).not.toContain(tag);
    }
    expect(json.request_latency?.avg).toBeGreaterThan(0);
    expect(csv).not.toMatch(/Time to First|Inter Token|Inter Chunk|Per User/);
    expect(printed).not.toMatch(/Time to first token|Inter-token latency/);
    const ours = JSON.parse(readFileSync(path.join(dir, "profile_export.json"), "utf8")) as { metrics: { tag: string }[] };
    expect(ours.metrics.map((m) => m.tag)).not.toContain("time_to_first_token");
    expect(ours.metrics.map((m) => m.tag)).toContain("request_latency");
  });
});
