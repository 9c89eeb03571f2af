import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { CreditPhase, EventBus, type EventContext, PhaseComplete, PhaseOrchestrator, PhaseStart, RunEnd, RunStart, runProfile } from "aiperf";
import { createTestApp } from "aiperf/testing";
import { afterAll, describe, expect, it } from "vitest";
import { fakeDrive } from "../helpers/fakeDrive.js";
import { removeDir, tempDir, writeFiles } from "../helpers/fixtures.js";

const dir = tempDir("profiler-events");
const imported = path.join(dir, "imported.txt");
const seen = path.join(dir, "seen.txt");
const record = `import { appendFileSync } from "node:fs";
appendFileSync(${JSON.stringify(imported)}, "recorder\\n");
export class Recorder {
  handle(payload, context) {
    const what = payload.phase ?? payload.exitCode ?? "-";
    appendFileSync(${JSON.stringify(seen)}, context.event + " " + what + "\\n");
  }
}
export class Throws { handle() { throw new Error("kaboom"); } }
export class Hangs { handle() { return new Promise(() => {}); } }
`;
const everyEvent = "[phase.start, phase.sending_complete, phase.complete, phase.timeout, run.start, run.end]";
writeFiles(path.join(dir, "plugins", "listeners"), {
  "registry.yaml": `plugin: { name: listeners }
event_handler:
  throws: { class: ./handlers.js:Throws, priority: 2, metadata: { events: ${everyEvent} } }
  hangs: { class: ./handlers.js:Hangs, priority: 1, metadata: { events: ${everyEvent} } }
  recorder: { class: ./handlers.js:Recorder, metadata: { events: ${everyEvent} } }
`,
  "handlers.js": record,
});
writeFiles(path.join(dir, "lazy", "plugins", "on-complete"), {
  "registry.yaml": `plugin: { name: on-complete }
event_handler:
  recorder: { class: ./handlers.js:Recorder, metadata: { events: [phase.complete] } }
`,
  "handlers.js": record,
});

const lines = (file: string) => (existsSync(file) ? readFileSync(file, "utf8").trim().split("\n") : []);

describe("the profiler's events", () => {
  afterAll(() => removeDir(dir));

  it("imports a handler declared for phase.complete only when the first phase completes", async () => {
    const app = await createTestApp({ root: path.join(dir, "lazy"), noCache: true });
    const bus = await app.get(EventBus);
    const importedAt: Record<string, string[]> = {};
    bus.on(PhaseStart, (p) => {
      importedAt[`${p.phase}:start`] = lines(imported);
    });
    // Runs after the declared handler (same priority, programmatic last).
    bus.on(PhaseComplete, (p) => {
      importedAt[`${p.phase}:complete`] = lines(imported);
    });
    const orchestrator = await app.get(PhaseOrchestrator);
    expect(lines(imported)).toEqual([]);
    await orchestrator.runPhase(CreditPhase.Warmup, {}, fakeDrive(2));
    await orchestrator.runPhase(CreditPhase.Profiling, {}, fakeDrive(3));
    expect(importedAt).toEqual({ "warmup:start": [], "warmup:complete": ["recorder"], "profiling:start": ["recorder"], "profiling:complete": ["recorder"] });
    expect(lines(seen)).toEqual(["phase.complete warmup", "phase.complete profiling"]);
    await app.dispose();
  });

  it("publishes phase and run events in order; a throwing and a hanging handler stop neither the others nor the run", async () => {
    removeDir(seen);
    const app = await createTestApp({
      root: dir,
      noCache: true,
      config: {
        ui: { type: "none" },
        phases: { warmup: { requests: 1 }, profiling: { requests: 3 } },
        output: { dir: path.join(dir, "out"), console_exporters: [] },
        plugins: { event_timeout_ms: 50 },
      },
    });
    const bus = await app.get(EventBus);
    const correlation = new Set<string>();
    const note = (_payload: unknown, ctx: EventContext) => void correlation.add(ctx.correlationId);
    bus.on(RunStart, note);
    bus.on(PhaseStart, note);
    bus.on(PhaseComplete, note);
    bus.on(RunEnd, note);
    const { exitCode } = await runProfile(app, { write: () => {} });
    expect(exitCode).toBe(0);
    expect(lines(seen)).toEqual([
      "run.start -",
      "phase.start warmup",
      "phase.sending_complete warmup",
      "phase.complete warmup",
      "phase.start profiling",
      "phase.sending_complete profiling",
      "phase.complete profiling",
      "run.end 0",
    ]);
    expect(bus.failures).toEqual({ throws: 8, hangs: 8 });
    // One run, one correlation id across its run and phase events.
    expect(correlation.size).toBe(1);
    await app.dispose();
  });

  it("run.end carries the run's folder, counts and exit code", async () => {
    const app = await createTestApp({
      root: path.join(dir, "lazy"),
      noCache: true,
      config: {
        ui: { type: "none" },
        phases: { warmup: { requests: 0 }, profiling: { requests: 2 } },
        output: { dir: path.join(dir, "out2"), console_exporters: [] },
      },
    });
    const ends: unknown[] = [];
    (await app.get(EventBus)).on(RunEnd, (p) => void ends.push(p));
    const result = await runProfile(app, { write: () => {} });
    expect(ends).toEqual([{ dir: result.dir, files: result.files, records: 2, completed: 2, errors: 0, interrupted: false, exitCode: 0 }]);
    await app.dispose();
  });
});
