import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { CreditPhase, EventBus, EventHandler, monotonicNs, type PhaseDriverContext, PhaseOrchestrator, type RequestRecord } from "aiperf";
import { createTestApp } from "aiperf/testing";
import { afterAll, describe, expect, it } from "vitest";
import { ExamplePhaseLogged, type PhaseCompleteCounter, type PhaseLoggedPayload } from "../dist/index.js";

const pluginDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const out = mkdtempSync(path.join(tmpdir(), "example-plugin-events-"));

/** Sends `n` fake requests that succeed at once. */
function drive(n: number) {
  return async (ctx: PhaseDriverContext): Promise<RequestRecord[]> => {
    const records: RequestRecord[] = [];
    for (let i = 0; i < n; i++) {
      ctx.tracker.recordSent();
      const startNs = monotonicNs();
      ctx.tracker.recordEnd("ok");
      records.push({ phase: ctx.tracker.phase, credit: i, turnId: String(i), startNs, tokenNs: [], endNs: monotonicNs(), inputTokens: 1, outputTokens: 1 });
    }
    await ctx.sendingComplete();
    return records;
  };
}

describe("aiperf-example-plugin events", () => {
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it("counts phase.complete with a declared event handler, and its logging hook publishes example.phase_logged", async () => {
    const logFile = path.join(out, "events.log");
    const app = await createTestApp({
      root: out,
      builtin: false,
      noCache: true,
      config: { plugins: { paths: [pluginDir], phase_hooks: [{ name: "example_logging", config: { log_file: logFile } }] } },
    });
    expect(app.registry.winners(EventHandler.name).map((e) => e.name)).toEqual(["example_phase_counter"]);
    const logged: PhaseLoggedPayload[] = [];
    (await app.get(EventBus)).on(ExamplePhaseLogged, (payload, context) => {
      expect(context.source).toBe("aiperf-example-plugin");
      logged.push(payload);
    });
    const orchestrator = await app.get(PhaseOrchestrator);
    await orchestrator.runPhase(CreditPhase.Warmup, {}, drive(1));
    await orchestrator.runPhase(CreditPhase.Profiling, {}, drive(3));
    const counter = await app.get<PhaseCompleteCounter>(EventHandler, "example_phase_counter");
    expect(counter.counts).toEqual({ warmup: 1, profiling: 1 });
    expect(logged.map((p) => `${p.phase} ${p.event}`)).toEqual([
      "warmup start",
      "warmup sending_complete",
      "warmup complete",
      "profiling start",
      "profiling sending_complete",
      "profiling complete",
    ]);
    expect(logged[5]?.line).toContain("sent=3 completed=3 errors=0");
    expect(existsSync(logFile)).toBe(true);
    await app.dispose();
  });
});
