import { readFileSync } from "node:fs";
import path from "node:path";
import type { MetricResult, MockServerTiming, RequestRecord } from "aiperf";
import { describe, expect, it } from "vitest";
import { runCli, startMockProcess } from "../helpers/cli.js";
import { removeDir, tempDir } from "../helpers/fixtures.js";

describe("measurement against what the server actually did", () => {
  // End to end, as a user runs it: `aiperf mock-server` and `aiperf profile` are separate
  // processes. Both timestamp with CLOCK_MONOTONIC, so a client timestamp and the server's own
  // record of the same event compare directly. Causality gives bounds that hold on any machine:
  // the server receives a request after the client sent it, and the client receives a token
  // after the server sent it. How close the client gets (accuracy) depends on the machine's
  // speed and load: `npm run bench` measures it.
  it("stamps every request before the server received it and every token no earlier than the server sent it", async () => {
    const dir = tempDir("accuracy");
    const timingsFile = path.join(dir, "server-timings.json");
    const mock = await startMockProcess(["--ttft-ms", "10", "--itl-ms", "2", "--output-tokens", "12", "--timings-file", timingsFile]);
    try {
      const run = await runCli(
        [
          "profile",
          "--url",
          mock.url,
          "--concurrency",
          "1",
          "--requests",
          "20",
          "--output",
          dir,
          "--ui",
          "none",
          "--quiet",
          "--set",
          "phases.warmup.requests=2",
          "--set",
          "dataset.output_tokens_mean=12",
          "--set",
          "plugins.phase_hooks=[]",
          "--set",
          "output.data_exporters=[json,records]",
        ],
        { cwd: dir },
      );
      expect(run.code, run.stderr).toBe(0);
      await mock.stop();
      const served = (JSON.parse(readFileSync(timingsFile, "utf8")) as MockServerTiming[]).slice(2);
      expect(served).toHaveLength(20);
      const records = readFileSync(path.join(dir, "latest", "profile_records.jsonl"), "utf8")
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l) as RequestRecord);
      // Concurrency 1: the server saw the requests in the client's order.
      records.sort((a, b) => a.startNs - b.startNs);
      expect(records).toHaveLength(20);
      for (const [i, record] of records.entries()) {
        const server = served[i] as MockServerTiming;
        expect(record.error).toBeUndefined();
        expect(record.tokenNs).toHaveLength(12);
        expect(server.tokenNs).toHaveLength(12);
        expect(server.receivedNs).toBeGreaterThanOrEqual(record.startNs);
        expect(record.firstTokenNs).toBe(record.tokenNs[0]);
        for (let k = 0; k < 12; k++) expect(record.tokenNs[k]).toBeGreaterThanOrEqual(server.tokenNs[k] as number);
        expect(record.endNs).toBeGreaterThanOrEqual(server.tokenNs[11] as number);
      }
      const metrics = JSON.parse(readFileSync(path.join(dir, "latest", "profile_export.json"), "utf8")).metrics as MetricResult[];
      const metric = (tag: string) => metrics.find((m) => m.tag === tag) as MetricResult;
      expect(metric("time_to_first_token").count).toBe(20);
      expect(metric("inter_token_latency").count).toBe(20);
      // The reported TTFT is the client's own measurement, so it is at least the server-side one.
      const serverTtftMs = served.map((s, i) => ((s.tokenNs[0] as number) - (records[i] as RequestRecord).startNs) / 1e6);
      expect(metric("time_to_first_token").min).toBeGreaterThanOrEqual(Math.min(...serverTtftMs));
    } finally {
      await mock.stop();
      removeDir(dir);
    }
  });
});
