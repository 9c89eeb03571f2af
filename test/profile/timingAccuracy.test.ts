import { readFileSync } from "node:fs";
import path from "node:path";
import { type MetricResult, type MockServerTiming, type RequestRecord, summarize } from "aiperf";
import { describe, expect, it } from "vitest";
import { runCli, startMockProcess } from "../helpers/cli.js";
import { removeDir, tempDir } from "../helpers/fixtures.js";

describe("measurement accuracy against what the server actually did", () => {
  // End to end, as a user runs it: `aiperf mock-server` and `aiperf profile` are separate
  // processes, so neither shares an event loop with the other or with the test runner. Both
  // timestamp with CLOCK_MONOTONIC, so "what the server actually did" for a request is its first
  // token's send time minus the client's send time, and its gaps between token sends.
  it("TTFT p50 within 1 ms and ITL p50 within 0.5 ms of the server's own send times (TTFT 50 ms, ITL 10 ms)", async () => {
    const dir = tempDir("accuracy");
    const timingsFile = path.join(dir, "server-timings.json");
    const mock = await startMockProcess(["--ttft-ms", "50", "--itl-ms", "10", "--output-tokens", "12", "--timings-file", timingsFile]);
    try {
      const run = await runCli(
        [
          "profile",
          "--url",
          mock.url,
          "--concurrency",
          "1",
          "--requests",
          "40",
          "--output",
          dir,
          "--ui",
          "none",
          "--quiet",
          "--set",
          "phases.warmup.requests=4",
          "--set",
          "dataset.output_tokens_mean=12",
          "--set",
          "plugins.phase_hooks=[]",
          "--set",
          "output.data_exporters=[json,records]",
        ],
        { cwd: dir },
      );
      expect(run.code).toBe(0);
      await mock.stop();
      const served = (JSON.parse(readFileSync(timingsFile, "utf8")) as MockServerTiming[]).slice(4);
      expect(served).toHaveLength(40);
      const records = readFileSync(path.join(dir, "profile_records.jsonl"), "utf8")
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l) as RequestRecord);
      // Concurrency 1: the server saw the requests in the client's order.
      records.sort((a, b) => a.startNs - b.startNs);
      expect(records).toHaveLength(40);
      const serverTtft = summarize(served.map((t, i) => ((t.tokenNs[0] as number) - (records[i] as RequestRecord).startNs) / 1e6));
      const serverItl = summarize(served.map((t) => ((t.tokenNs[11] as number) - (t.tokenNs[0] as number)) / 11 / 1e6));
      const metrics = JSON.parse(readFileSync(path.join(dir, "profile_export.json"), "utf8")).metrics as MetricResult[];
      const metric = (tag: string) => metrics.find((m) => m.tag === tag) as MetricResult;
      expect(metric("time_to_first_token").count).toBe(40);
      expect(Math.abs((metric("time_to_first_token").p50 as number) - (serverTtft?.p50 as number))).toBeLessThan(1);
      expect(Math.abs((metric("inter_token_latency").p50 as number) - (serverItl?.p50 as number))).toBeLessThan(0.5);
      expect(metric("time_to_first_token").p50).toBeGreaterThanOrEqual(50);
      expect(metric("inter_token_latency").p50).toBeGreaterThan(9.5);
    } finally {
      await mock.stop();
      removeDir(dir);
    }
  });
});
