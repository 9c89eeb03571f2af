import path from "node:path";
import { ConfigInvalidError, DatasetInvalidError, DatasetSampler, type Logger, type RequestRecord, silentLogger, type Turn } from "aiperf";
import { createTestApp } from "aiperf/testing";
import { afterAll, describe, expect, it } from "vitest";
import { removeDir, tempDir, writeFiles } from "../helpers/fixtures.js";
import { profileWith } from "../helpers/profileApp.js";

const dir = tempDir("datasets");
afterAll(() => removeDir(dir));

/** A Mooncake-style trace: `n` requests with exponential gaps averaging `gapMs`. */
function trace(n: number, gapMs: number, bad?: { line: number; text: string }): string {
  let t = 0;
  let seed = 7;
  const rand = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    lines.push(JSON.stringify({ timestamp: Math.round(t), input_length: 20 + (i % 7), output_length: 3, hash_ids: [i % 5] }));
    t += -Math.log(1 - rand()) * gapMs;
  }
  if (bad) lines[bad.line - 1] = bad.text;
  return `${lines.join("\n")}\n`;
}

describe("trace replay with fixed_schedule", () => {
  it("replays every line of a 1,000-line mooncake trace once, in timestamp order, on the trace's own schedule", async () => {
    // Lines are written out of order: the schedule is the timestamps, not the file order.
    const lines = trace(1000, 8).trim().split("\n");
    const shuffled = lines.map((l, i) => ({ l, k: (i * 7919) % lines.length })).sort((a, b) => a.k - b.k);
    writeFiles(dir, { "trace.jsonl": `${shuffled.map((x) => x.l).join("\n")}\n` });
    const timestampOf = new Map(shuffled.map((x, i) => [`line-${i + 1}`, (JSON.parse(x.l) as { timestamp: number }).timestamp]));
    const scale = 0.05;
    const { results, exitCode } = await profileWith({
      endpoint: { mock: { ttft_ms: 0, itl_ms: 0, output_tokens: 3 } },
      dataset: { composer: "custom", loader: "mooncake_trace", file: path.join(dir, "trace.jsonl") },
      // catch_up: the schedule stays the trace's own even after a stall (shift, the default, moves it; tested in test/timing).
      timing: { strategy: "fixed_schedule", time_scale: scale, stall_policy: "catch_up" },
      phases: { warmup: { requests: 0 }, profiling: { requests: 1000 } },
      output: { dir: path.join(dir, "out"), console_exporters: [] },
    });
    expect(exitCode).toBe(0);
    expect(results.errors).toEqual([]);
    const sent = [...results.records].sort((a, b) => a.credit - b.credit);
    expect(sent).toHaveLength(1000);
    expect(new Set(sent.map((r) => r.turnId)).size).toBe(1000);
    const timestamps = sent.map((r) => timestampOf.get(r.turnId) as number);
    expect(timestamps).toEqual([...timestamps].sort((a, b) => a - b));
    // Each request is scheduled at its timestamp's offset (× time_scale) from the first one...
    const first = sent[0] as RequestRecord;
    for (const [i, r] of sent.entries()) {
      const due = ((timestamps[i] as number) - (timestamps[0] as number)) * scale * 1e6;
      // Arithmetic on the trace, not a measurement: exact up to floating point.
      expect((r.scheduledNs as number) - (first.scheduledNs as number)).toBeCloseTo(due, 0);
      // ...and never sent before it is due. How late it went out is the schedule slip: reported
      // for every request, measured by `npm run bench`, asserted nowhere (it is the machine's speed).
      expect(r.startNs).toBeGreaterThanOrEqual(r.scheduledNs as number);
    }
    const slip = results.metrics.find((m) => m.tag === "schedule_slip");
    expect(slip?.count).toBe(1000);
    expect(slip?.min).toBeGreaterThanOrEqual(0);
  });

  it("refuses to start on a malformed line, naming file:line, unless told to skip it", async () => {
    const file = path.join(dir, "bad-trace.jsonl");
    writeFiles(dir, { "bad-trace.jsonl": trace(50, 1, { line: 37, text: '{"timestamp": 12, "input_length": "many", "output_length": 3}' }) });
    const base = {
      dataset: { composer: "custom", loader: "mooncake_trace", file },
      timing: { strategy: "fixed_schedule" },
      phases: { warmup: { requests: 0 }, profiling: { requests: 100 } },
      output: { dir: path.join(dir, "out2"), console_exporters: [] },
      endpoint: { mock: { ttft_ms: 0, itl_ms: 0, output_tokens: 2 } },
    };
    const error = await profileWith(base).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatasetInvalidError);
    expect((error as Error).message).toContain(`${file}:37: "input_length" must be a positive integer, got "many"`);
    expect((error as DatasetInvalidError).code).toBe("AIPERF_DATASET_INVALID");

    const warnings: string[] = [];
    const logger: Logger = { ...silentLogger, warn: (m) => warnings.push(m) };
    const app = await createTestApp({
      noCache: true,
      logger,
      config: { ...base, dataset: { ...base.dataset, skip_invalid_lines: true }, ui: { type: "none" } },
    });
    const { runProfile } = await import("aiperf");
    const { results } = await runProfile(app, { write: () => {} });
    await app.dispose();
    expect(results.records).toHaveLength(49);
    expect(warnings).toContain(`skipped ${file}:37: "input_length" must be a positive integer, got "many"`);
  });
});

describe("single_turn datasets", () => {
  it("sends each line's text or messages with its output_length", async () => {
    const file = path.join(dir, "prompts.jsonl");
    writeFiles(dir, {
      "prompts.jsonl": [
        JSON.stringify({ text: "one two three", output_length: 2 }),
        "",
        JSON.stringify({
          messages: [
            { role: "system", content: "be brief" },
            { role: "user", content: "four five" },
          ],
          output_length: 5,
        }),
        JSON.stringify({ text: "six" }),
      ].join("\n"),
    });
    const { results } = await profileWith({
      dataset: { composer: "custom", loader: "single_turn", file },
      endpoint: { mock: { ttft_ms: 0, itl_ms: 0, output_tokens: 4 } },
      phases: { warmup: { requests: 0 }, profiling: { requests: 3 } },
      timing: { concurrency: 1 },
      output: { dir: path.join(dir, "out3"), console_exporters: [] },
    });
    expect([...results.records].map((r) => [r.turnId, r.inputTokens, r.outputTokens])).toEqual([
      ["line-1", 3, 2],
      ["line-3", 4, 5],
      ["line-4", 1, 4],
    ]);
  });

  it("reports every bad line with its number", async () => {
    const file = path.join(dir, "bad-prompts.jsonl");
    writeFiles(dir, { "bad-prompts.jsonl": '{"text": "ok"}\n{"text": ""}\nnot json\n{"messages": [{"role": "user"}]}\n{"text": "x", "output_length": 0}\n' });
    const error = await profileWith({ dataset: { composer: "custom", file }, phases: { warmup: { requests: 0 }, profiling: { requests: 1 } } }).catch(
      (e: unknown) => e,
    );
    const lines = (error as DatasetInvalidError).problems.map((p) => p.line);
    expect(lines).toEqual([2, 3, 4, 5]);
  });

  it("the custom composer without a file is a config error", async () => {
    const error = await profileWith({ dataset: { composer: "custom" }, phases: { warmup: { requests: 0 }, profiling: { requests: 1 } } }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ConfigInvalidError);
    expect((error as Error).message).toContain("dataset.file");
  });
});

describe("shuffle sampler", () => {
  it("visits every turn once per pass, in a seeded order that changes between passes", async () => {
    const app = await createTestApp({ noCache: true, config: { dataset: { sampler: "shuffle" } } });
    const sampler = await app.get(DatasetSampler);
    const turns: Turn[] = Array.from({ length: 10 }, (_, i) => ({ id: `t${i}`, messages: [], inputTokens: 1 }));
    sampler.init(turns, 42);
    const pass1 = Array.from({ length: 10 }, () => sampler.next().id);
    const pass2 = Array.from({ length: 10 }, () => sampler.next().id);
    expect([...pass1].sort()).toEqual(turns.map((t) => t.id).sort());
    expect([...pass2].sort()).toEqual(turns.map((t) => t.id).sort());
    expect(pass1).not.toEqual(pass2);
    await app.dispose();
  });
});
