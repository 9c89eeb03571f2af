import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { type App, CreditPhase, PhaseOrchestrator, silentLogger } from "aiperf";
import { createTestApp } from "aiperf/testing";
import { afterAll, describe, expect, it } from "vitest";
import { fakeDrive, untilAborted } from "../helpers/fakeDrive.js";
import { removeDir, repoRoot, tempDir, writeFiles } from "../helpers/fixtures.js";

const dir = tempDir("orchestrator");
const examplePlugin = path.join(repoRoot, "plugins", "example-plugin");
const sentinel = path.join(dir, "imported.txt");
writeFiles(path.join(dir, "plugins", "bad-hooks"), {
  "registry.yaml": `plugin: { name: bad-hooks }
phase_hook:
  throws: { class: ./hooks.js:Throws }
  hangs: { class: ./hooks.js:Hangs }
  recorder: { class: ./hooks.js:Recorder }
  never_named: { class: ./unused.js:Unused }
`,
  "hooks.js": `export class Throws {
  async onPhaseStart() { throw new Error("kaboom"); }
  async onPhaseSendingComplete() { throw new Error("kaboom"); }
  async onPhaseComplete() { throw new Error("kaboom"); }
}
export class Hangs {
  onPhaseStart() { return new Promise(() => {}); }
  onPhaseSendingComplete() { return new Promise(() => {}); }
  onPhaseComplete() { return new Promise(() => {}); }
}
export class Recorder {
  events = [];
  async onPhaseStart(phase) { this.events.push(phase + ":start"); }
  async onPhaseSendingComplete(phase) { this.events.push(phase + ":sending_complete"); }
  async onPhaseComplete(phase) { this.events.push(phase + ":complete"); }
}
`,
  "unused.js": `import { appendFileSync } from "node:fs"; appendFileSync(${JSON.stringify(sentinel)}, "x"); export class Unused {}\n`,
});

async function runBothPhases(app: App, requests: { warmup: number; profiling: number }) {
  const orchestrator = await app.get(PhaseOrchestrator);
  const warmup = await orchestrator.runPhase(CreditPhase.Warmup, { expected: requests.warmup }, fakeDrive(requests.warmup));
  const profiling = await orchestrator.runPhase(
    CreditPhase.Profiling,
    { expected: requests.profiling },
    fakeDrive(requests.profiling, { error: (i) => (i % 5 === 0 ? "HTTP 500" : undefined) }),
  );
  return { orchestrator, warmup, profiling };
}

describe("config-driven phase hooks", () => {
  afterAll(() => removeDir(dir));

  it("runs a built-in and a plugin hook through both phases, in order, with real counts", async () => {
    const logFile = path.join(dir, "out", "phases.log");
    const app = await createTestApp({
      root: dir,
      noCache: true,
      env: { AIPERF_ARTIFACTS: path.join(dir, "out") },
      config: {
        plugins: {
          paths: [examplePlugin],
          phase_hooks: [
            { name: "phase_logging" },
            { name: "example_logging", config: { log_file: logFile } },
            // biome-ignore lint/suspicious/noTemplateCurlyInString: config interpolation under test
            { name: "example-metrics-collector", config: { metrics_file: "${AIPERF_ARTIFACTS:-./artifacts}/phase_metrics.json" } },
          ],
        },
      },
    });
    const { orchestrator, profiling } = await runBothPhases(app, { warmup: 3, profiling: 10 });
    expect(orchestrator.hookNames).toEqual(["phase_logging", "example_logging", "example_metrics_collector"]);
    expect(profiling.stats).toMatchObject({ sent: 10, completed: 10, errors: 2, timedOut: false });

    const events = readFileSync(logFile, "utf8")
      .trim()
      .split("\n")
      .map((line) => line.split(" ").slice(1, 3).join(" "));
    expect(events).toEqual([
      "warmup start",
      "warmup sending_complete",
      "warmup complete",
      "profiling start",
      "profiling sending_complete",
      "profiling complete",
    ]);
    const metrics = JSON.parse(readFileSync(path.join(dir, "out", "phase_metrics.json"), "utf8"));
    expect(metrics.phases.warmup).toMatchObject({ status: "complete", sent: 3, completed: 3 });
    expect(metrics.phases.profiling).toMatchObject({ status: "complete", sent: 10, completed: 10, errors: 2 });
    expect(metrics.aggregate).toMatchObject({ sent: 13, completed: 13, phases_completed: 2 });
    expect(orchestrator.hookFailures).toEqual({});
    await app.dispose();
  });

  it("isolates a hook that throws and one that never resolves; the others see every event", async () => {
    const warnings: string[] = [];
    const app = await createTestApp({
      root: dir,
      noCache: true,
      logger: { ...silentLogger, warn: (m) => warnings.push(m) },
      config: { plugins: { hook_timeout_ms: 50, phase_hooks: ["throws", "hangs", "recorder"] } },
    });
    const { orchestrator, warmup, profiling } = await runBothPhases(app, { warmup: 2, profiling: 4 });
    expect(warmup.stats.completed).toBe(2);
    expect(profiling.stats.completed).toBe(4);
    expect(orchestrator.hookFailures).toEqual({ throws: 6, hangs: 6 });
    const recorder = (await app.getAll<{ events?: string[] }>(Symbol.for("aiperf.protocol.phase_hook")))[2];
    expect(recorder?.events).toEqual([
      "warmup:start",
      "warmup:sending_complete",
      "warmup:complete",
      "profiling:start",
      "profiling:sending_complete",
      "profiling:complete",
    ]);
    expect(warnings.some((w) => w.includes('"throws"') && w.includes("kaboom"))).toBe(true);
    expect(warnings.some((w) => w.includes('"hangs"') && w.includes("timed out after 50 ms"))).toBe(true);
    await app.dispose();
  });

  it("never imports hooks that are registered but not named in config", async () => {
    const app = await createTestApp({ root: dir, noCache: true, config: { plugins: { phase_hooks: ["recorder"] } } });
    await runBothPhases(app, { warmup: 1, profiling: 1 });
    expect(app.registry.entry("phase_hook", "never_named").name).toBe("never_named");
    expect(existsSync(sentinel)).toBe(false);
    await app.dispose();
  });

  it("fails before any phase starts when a hook's config is invalid, naming the hook, the path and the rule", async () => {
    const app = await createTestApp({
      root: dir,
      noCache: true,
      config: { plugins: { paths: [examplePlugin], phase_hooks: ["recorder", { name: "example_logging", config: { verbose: "yes" } }] } },
    });
    const error = await app.get(PhaseOrchestrator).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "AIPERF_CONFIG_INVALID" });
    const message = (error as Error).message;
    expect(message).toContain('config of phase_hook "example_logging"');
    expect(message).toContain("plugins.phase_hooks.1.config.log_file");
    expect(message).toContain("plugins.phase_hooks.1.config.verbose");
    expect(message).toMatch(/must be a boolean/);
    await app.dispose();
  });

  it("reports a phase timeout to hooks instead of complete", async () => {
    const app = await createTestApp({ root: dir, noCache: true, config: { plugins: { phase_hooks: ["recorder"] } } });
    const orchestrator = await app.get(PhaseOrchestrator);
    const outcome = await orchestrator.runPhase(CreditPhase.Profiling, { timeoutMs: 30 }, untilAborted());
    expect(outcome.stats).toMatchObject({ timedOut: true, sent: 1, completed: 0, cancelled: 1 });
    const [recorder] = (await app.getAll(Symbol.for("aiperf.protocol.phase_hook"))) as { events: string[] }[];
    expect(recorder?.events).toEqual(["profiling:start", "profiling:sending_complete"]);
    await app.dispose();
  });
});
