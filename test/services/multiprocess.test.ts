import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { type PhaseStats, runProfile, ServiceManager } from "aiperf";
import { createTestApp } from "aiperf/testing";
import { afterAll, describe, expect, it } from "vitest";
import { aiperfBin } from "../helpers/cli.js";
import { removeDir, repoRoot, tempDir } from "../helpers/fixtures.js";
import { holdingServer } from "../helpers/holdingServer.js";
import { profileWith } from "../helpers/profileApp.js";

const dir = tempDir("multiprocess");
afterAll(() => removeDir(dir));

type WithProcesses = ServiceManager & { processes(): readonly ChildProcess[] };

/** The per-worker requests and errors the `worker_report` post-processor wrote for a phase. */
function workerCounts(results: { postProcessing: { processor: string; phase: string; data: Record<string, unknown> }[] }, phase: string) {
  const rows = results.postProcessing.find((p) => p.processor === "worker_report" && p.phase === phase)?.data.workers as
    | { worker: string; requests: number; errors: number }[]
    | undefined;
  return Object.fromEntries((rows ?? []).map((r) => [r.worker, { requests: r.requests, errors: r.errors }]));
}

/** `aiperf profile` with 2 worker processes at concurrency 4 against `url`, as a child process of the test. */
function spawnWorkersRun(url: string, out: string): ChildProcess {
  const args = ["profile", "--url", url, "--no-streaming", "--workers", "2", "--concurrency", "4", "--requests", "50", "--ui", "none", "--output", out];
  return spawn(process.execPath, [aiperfBin, ...args], { cwd: repoRoot, stdio: "ignore" });
}

/** The pids of a process's children. */
function childPids(pid: number): number[] {
  return execFileSync("ps", ["-o", "pid=", "--ppid", String(pid)], { encoding: "utf8" })
    .split("\n")
    .map((l) => Number(l.trim()))
    .filter((child) => child > 0);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe("multiprocess service manager (worker processes over zmq_ipc)", () => {
  it("runs every request once across two processes against the embedded mock server; records name both workers", async () => {
    const { results, exitCode } = await profileWith({
      endpoint: { mock: { ttft_ms: 0, itl_ms: 0, output_tokens: 3 } },
      service_manager: { type: "multiprocess", workers: 2 },
      timing: { concurrency: 8 },
      dataset: { output_tokens_mean: 3 },
      phases: { warmup: { requests: 4 }, profiling: { requests: 60 } },
      output: { dir: path.join(dir, "embedded"), console_exporters: [] },
    });
    expect(exitCode).toBe(0);
    expect(results.errors).toEqual([]);
    expect([...results.records].map((r) => r.credit).sort((a, b) => a - b)).toEqual(Array.from({ length: 60 }, (_, i) => i));
    expect([...results.records].every((r) => r.outputTokens === 3 && r.tokenNs.length === 3)).toBe(true);
    expect(new Set([...results.records].map((r) => r.worker))).toEqual(new Set(["worker-1", "worker-2"]));
    const profiling = results.phases.find((p) => p.phase === "profiling") as PhaseStats;
    expect(profiling).toMatchObject({ sent: 60, completed: 60, errors: 0 });
    // One clock for every process of the machine: each request falls inside the phase as the parent saw it.
    for (const r of results.records) {
      const times = [profiling.startNs as number, r.startNs, ...r.tokenNs, r.endNs, profiling.endNs as number];
      expect(times).toEqual([...times].sort((a, b) => a - b));
    }
    const counts = workerCounts(results, "profiling") as Record<string, { requests: number; errors: number }>;
    expect(Object.keys(counts)).toEqual(["worker-1", "worker-2"]);
    expect(Object.values(counts).reduce((n, c) => n + c.requests, 0)).toBe(60);
  });

  it("survives kill -9 of a worker mid-run: only its requests in flight fail, with a code naming it; nothing else is lost", async () => {
    // The server holds every request until the kill: 8 in flight, none answered, 4 per worker
    // (credits go to the least-loaded worker), whatever the machine's speed.
    const server = await holdingServer();
    const out = path.join(dir, "killed");
    const app = await createTestApp({
      noCache: true,
      config: {
        ui: { type: "none" },
        endpoint: { url: server.url, streaming: false },
        service_manager: { type: "multiprocess", workers: 2 },
        timing: { concurrency: 8 },
        phases: { warmup: { requests: 0 }, profiling: { requests: 100 } },
        output: { dir: out, console_exporters: [] },
      },
    });
    try {
      const manager = (await app.get(ServiceManager)) as WithProcesses;
      const running = runProfile(app, { write: () => {} });
      await server.until((s) => s.inFlight === 8);
      expect(manager.processes()).toHaveLength(2);
      const victim = manager.processes()[0] as ChildProcess;
      // The manager's exit listener was added first: once this one runs, the lost requests are settled.
      const exited = new Promise((resolve) => victim.once("exit", resolve));
      process.kill(victim.pid as number, "SIGKILL");
      await exited;
      await server.until((s) => s.abandoned === 4);
      server.open();
      const { results, exitCode } = await running;
      expect(results.phases.find((p) => p.phase === "profiling")?.sent).toBe(100);
      expect(results.records).toHaveLength(100);
      expect(results.errors).toHaveLength(1);
      expect(results.errors[0]?.count).toBe(4);
      expect(results.errors[0]?.message).toMatch(/^worker-1 \(pid \S+\) was killed \(SIGKILL\) \[AIPERF_WORKER_LOST\]$/);
      const failed = [...results.records].filter((r) => r.error !== undefined);
      expect(failed.map((r) => r.worker)).toEqual(["worker-1", "worker-1", "worker-1", "worker-1"]);
      expect(server.answered).toBe(96);
      expect(exitCode).toBe(0);
      const counts = workerCounts(results, "profiling") as Record<string, { requests: number; errors: number }>;
      expect(counts["worker-1"]).toEqual({ requests: 4, errors: 4 });
      expect(counts["worker-2"]).toEqual({ requests: 96, errors: 0 });
      expect(existsSync(path.join(out, "latest", "profile_export.json"))).toBe(true);
    } finally {
      await app.dispose();
      await server.stop();
    }
  });

  it("leaves no worker process behind when the parent is killed with -9", async () => {
    const server = await holdingServer();
    const parent = spawnWorkersRun(server.url, path.join(dir, "orphans"));
    try {
      // Both workers are up and sending once 4 requests are held.
      await server.until((s) => s.inFlight === 4);
      const children = childPids(parent.pid as number);
      expect(children).toHaveLength(2);
      const gone = new Promise((resolve) => parent.once("exit", resolve));
      parent.kill("SIGKILL");
      await gone;
      // Their IPC channel closed with the parent: each worker exits (the test's own timeout bounds the wait).
      while (children.some(alive)) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(children.filter(alive)).toEqual([]);
    } finally {
      parent.kill("SIGKILL");
      await server.stop();
    }
  });

  it("Ctrl-C stops the workers, counts the requests in flight as cancelled (not lost) and still writes the exports", async () => {
    const server = await holdingServer();
    const out = path.join(dir, "interrupted");
    const parent = spawnWorkersRun(server.url, out);
    try {
      await server.until((s) => s.inFlight === 4);
      const children = childPids(parent.pid as number);
      expect(children).toHaveLength(2);
      const code = new Promise((resolve) => parent.once("exit", resolve));
      parent.kill("SIGINT");
      expect(await code).toBe(130);
      expect(children.filter(alive)).toEqual([]);
      const exported = JSON.parse(readFileSync(path.join(out, "latest", "profile_export.json"), "utf8"));
      // Interrupted in warm-up (the CLI's default 16 requests): the 4 held requests were cancelled, not lost.
      expect(exported.phases).toEqual([expect.objectContaining({ phase: "warmup", sent: 4, cancelled: 4, errors: 0 })]);
      expect(exported.errors).toEqual([]);
    } finally {
      parent.kill("SIGKILL");
      await server.stop();
    }
  });

  it("the example plugin's hooks see every phase event with true counts", async () => {
    const logFile = path.join(dir, "events.log");
    const metricsFile = path.join(dir, "metrics.json");
    const { exitCode } = await profileWith(
      {
        plugins: {
          phase_hooks: [
            { name: "example_logging", config: { log_file: logFile, verbose: true } },
            { name: "example_metrics_collector", config: { metrics_file: metricsFile } },
          ],
        },
        endpoint: { mock: { ttft_ms: 0, itl_ms: 0, output_tokens: 2, error_rate: 0 } },
        service_manager: { type: "multiprocess", workers: 2 },
        timing: { concurrency: 4 },
        phases: { warmup: { requests: 3 }, profiling: { requests: 20 } },
        output: { dir: path.join(dir, "plugin"), console_exporters: [] },
      },
      { root: repoRoot },
    );
    expect(exitCode).toBe(0);
    const lines = readFileSync(logFile, "utf8").trim().split("\n");
    expect(lines.map((l) => l.split(" ").slice(1, 3).join(" "))).toEqual([
      "warmup start",
      "warmup sending_complete",
      "warmup complete",
      "profiling start",
      "profiling sending_complete",
      "profiling complete",
    ]);
    expect(lines[5]).toContain("sent=20 completed=20 errors=0 in_flight=0 cancelled=0");
    const metrics = JSON.parse(readFileSync(metricsFile, "utf8"));
    expect(metrics.phases.profiling).toMatchObject({ status: "complete", sent: 20, completed: 20, errors: 0 });
    expect(metrics.aggregate).toMatchObject({ sent: 23, completed: 23, errors: 0 });
  });
});
