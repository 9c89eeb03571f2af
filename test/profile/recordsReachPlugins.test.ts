import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../helpers/fixtures.js";
import { profileWith } from "../helpers/profileApp.js";
import { scratch } from "../helpers/scratch.js";

const my = scratch();

describe("records kept in columns reach every plugin and export", () => {
  it("a plugin post-processor sees every record of each phase; the records export has each profiling record", async () => {
    const dir = my.dir("records-reach");
    const { results } = await profileWith({
      plugins: { paths: [path.join(repoRoot, "plugins", "example-plugin")], post_processors: ["example_metrics", "example_results_aggregator"] },
      endpoint: { mock: { ttft_ms: 0, itl_ms: 0 } },
      timing: { strategy: "concurrency", concurrency: 3 },
      phases: { warmup: { requests: 4 }, profiling: { requests: 11 } },
      output: { dir, flat: true, data_exporters: ["records"], console_exporters: [] },
    });
    const processing = (name: string, phase: string) => results.postProcessing.find((p) => p.processor === name && p.phase === phase)?.data;
    expect(processing("example_metrics", "warmup")).toMatchObject({ requests: 4, success_rate: 1 });
    expect(processing("example_metrics", "profiling")).toMatchObject({ requests: 11, success_rate: 1 });
    expect(processing("example_results_aggregator", "profiling")).toEqual({ phases: ["warmup", "profiling"], requests: 15, errors: 0 });

    const records = [...results.records];
    expect(records).toHaveLength(11);
    expect(records.map((r) => r.credit).sort((a, b) => a - b)).toEqual(Array.from({ length: 11 }, (_, i) => i));
    expect(records.every((r) => r.phase === "profiling" && r.outputText === undefined && r.tokenNs.length > 0)).toBe(true);
    const lines = readFileSync(path.join(dir, "profile_records.jsonl"), "utf8").trim().split("\n");
    expect(lines.map((l) => JSON.parse(l))).toEqual(records);
  });
});
