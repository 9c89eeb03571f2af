import { readFileSync } from "node:fs";
import path from "node:path";
import type { RequestRecord } from "aiperf";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { removeDir, tempDir } from "../helpers/fixtures.js";
import { distributedConfig, examplePlugin } from "./configFile.js";
import { isRunning, killAll, type Proc, startController, startWorker } from "./harness.js";

const dir = tempDir("distributed-run");
let controller: Proc;
let workers: Proc[];
let records: RequestRecord[];
let exported: {
  request_count: number;
  phases: { phase: string; sent: number; completed: number; errors: number }[];
  postProcessing: { processor: string; phase: string; data: { workers: Record<string, unknown>[] } }[];
};
const logFile = path.join(dir, "phases.log");

beforeAll(async () => {
  const config = distributedConfig(dir, {
    plugins: { paths: [examplePlugin], phase_hooks: [{ name: "example_logging", config: { log_file: logFile } }] },
  });
  const started = await startController(config, dir);
  controller = started.proc;
  workers = [startWorker(started.port), startWorker(started.port), startWorker(started.port)];
  expect(await controller.exited).toBe(0);
  records = readFileSync(path.join(dir, "out", "profile_records.jsonl"), "utf8")
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line));
  exported = JSON.parse(readFileSync(path.join(dir, "out", "profile_export.json"), "utf8"));
});

afterAll(async () => {
  await killAll();
  removeDir(dir);
});

describe("service_manager: distributed, three aiperf worker processes on loopback", () => {
  it("counts every request once, with records from all three workers", () => {
    expect(records).toHaveLength(30);
    expect(records.filter((r) => r.error !== undefined)).toEqual([]);
    expect(new Set(records.map((r) => r.credit)).size).toBe(30);
    expect(new Set(records.map((r) => r.worker))).toEqual(new Set(["w1", "w2", "w3"]));
    expect(records.every((r) => r.tokenNs.length === 3 && r.outputTokens === 3)).toBe(true);
    expect(exported.request_count).toBe(30);
  });

  it("puts per-worker counts and each worker's clock offset estimate in profile_export.json", () => {
    const report = exported.postProcessing.find((p) => p.processor === "worker_report" && p.phase === "profiling");
    const rows = report?.data.workers ?? [];
    expect(rows.map((w) => w.worker)).toEqual(["w1", "w2", "w3"]);
    expect(rows.reduce((sum, w) => sum + (w.requests as number), 0)).toBe(30);
    for (const w of rows) {
      expect(w.requests).toBe(records.filter((r) => r.worker === w.worker).length);
      expect(w.errors).toBe(0);
      expect(typeof w.clock_offset_ns).toBe("number");
      expect(w.clock_rtt_ns as number).toBeGreaterThan(0);
      expect(workers.map((p) => p.pid)).toContain(w.pid);
    }
  });

  it("keeps each record's own durations in order on the merged timeline", () => {
    for (const r of records) {
      const times = [r.startNs, ...r.tokenNs, r.endNs];
      expect(times).toEqual([...times].sort((a, b) => a - b));
    }
  });

  it("runs the example plugin's hooks on the controller, seeing every phase event with true counts", () => {
    const lines = readFileSync(logFile, "utf8").trim().split("\n");
    const events = lines.map((l) => l.split(" ").slice(1).join(" "));
    expect(events).toEqual([
      "warmup start sent=0 completed=0 errors=0",
      "warmup sending_complete sent=3 completed=3 errors=0",
      "warmup complete sent=3 completed=3 errors=0",
      "profiling start sent=0 completed=0 errors=0",
      "profiling sending_complete sent=30 completed=30 errors=0",
      "profiling complete sent=30 completed=30 errors=0",
    ]);
  });

  it("ends every worker with the run", async () => {
    expect(await Promise.all(workers.map((w) => w.exited))).toEqual([0, 0, 0]);
    expect(workers.filter((w) => isRunning(w.pid))).toEqual([]);
    expect(workers.every((w) => /the controller ended the run/.test(w.stderr))).toBe(true);
  });
});
