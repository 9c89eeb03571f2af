import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { CreditPhase, monotonicNs, type PhaseDriverContext, PhaseOrchestrator, PostProcessor, type RequestRecord } from "aiperf";
import { createTestApp } from "aiperf/testing";
import { afterAll, describe, expect, it } from "vitest";

const pluginDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const out = mkdtempSync(path.join(tmpdir(), "example-plugin-"));

/** Sends `n` fake requests of 1 ms each; every third one fails. */
function drive(n: number) {
  return async (ctx: PhaseDriverContext): Promise<RequestRecord[]> => {
    const records: RequestRecord[] = [];
    for (let i = 0; i < n; i++) {
      ctx.tracker.recordSent();
      const startNs = monotonicNs();
      await new Promise((r) => setTimeout(r, 1));
      const error = i % 3 === 2 ? "HTTP 500" : undefined;
      ctx.tracker.recordEnd(error ? "error" : "ok");
      records.push({
        phase: ctx.tracker.phase,
        credit: i,
        turnId: String(i),
        startNs,
        tokenNs: [],
        endNs: monotonicNs(),
        inputTokens: 1,
        outputTokens: 1,
        ...(error ? { error } : {}),
      });
    }
    await ctx.sendingComplete();
    return records;
  };
}

function appWith(config: Record<string, unknown>) {
  return createTestApp({ root: out, builtin: false, noCache: true, config: { plugins: { paths: [pluginDir], ...config } } });
}

describe("aiperf-example-plugin", () => {
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it("logs every phase event and checkpoints per-phase metrics", async () => {
    const logFile = path.join(out, "events.log");
    const metricsFile = path.join(out, "nested", "metrics.json");
    const app = await appWith({
      phase_hooks: [
        { name: "example_logging", config: { log_file: logFile, verbose: true } },
        { name: "example_metrics_collector", config: { metrics_file: metricsFile } },
      ],
    });
    const orchestrator = await app.get(PhaseOrchestrator);
    await orchestrator.runPhase(CreditPhase.Warmup, {}, drive(2));
    await orchestrator.runPhase(CreditPhase.Profiling, {}, drive(6));
    const lines = readFileSync(logFile, "utf8").trim().split("\n");
    expect(lines.map((l) => l.split(" ").slice(1, 3).join(" "))).toEqual([
      "warmup start",
      "warmup sending_complete",
      "warmup complete",
      "profiling start",
      "profiling sending_complete",
      "profiling complete",
    ]);
    expect(lines[5]).toContain("sent=6 completed=6 errors=2 in_flight=0 cancelled=0");
    const metrics = JSON.parse(readFileSync(metricsFile, "utf8"));
    expect(metrics.phases.profiling).toMatchObject({ status: "complete", sent: 6, completed: 6, errors: 2 });
    expect(metrics.aggregate).toEqual({ sent: 8, completed: 8, errors: 2, cancelled: 0, phases_completed: 2 });
    await app.dispose();
  });

  it("rejects a logging config without log_file", async () => {
    const app = await appWith({ phase_hooks: [{ name: "example_logging", config: {} }] });
    await expect(app.get(PhaseOrchestrator)).rejects.toThrow(/log_file/);
    await app.dispose();
  });

  it("post-processes each phase: percentiles, success rate, and an aggregate across phases", async () => {
    const app = await appWith({ post_processors: ["example_metrics", "example_results_aggregator"] });
    const orchestrator = await app.get(PhaseOrchestrator);
    await orchestrator.runPhase(CreditPhase.Warmup, {}, drive(3));
    const { postProcessing } = await orchestrator.runPhase(CreditPhase.Profiling, {}, drive(9));
    const [metrics, aggregate] = postProcessing;
    expect(metrics?.data.success_rate).toBeCloseTo(6 / 9);
    expect(metrics?.data.latency_ms).toMatchObject({ p50: expect.any(Number) });
    expect(aggregate?.data).toEqual({ phases: ["warmup", "profiling"], requests: 12, errors: 4 });
    expect(await app.getAll(PostProcessor)).toHaveLength(2);
    await app.dispose();
  });
});
