import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { defineEvent, EventBus, EventHandler } from "aiperf/kernel";
import { createTestApp } from "aiperf/kernel/testing";
import { afterAll, describe, expect, it } from "vitest";
import { removeDir, tempDir, writeFiles } from "../helpers/fixtures.js";

const dir = tempDir("events");
const seen = path.join(dir, "seen.txt");
const imported = path.join(dir, "imported.txt");
const Ping = defineEvent<{ n: number }>("ping");
const Other = defineEvent<{ n: number }>("other");

// Each handler appends `<name>:<n>` to seen.txt; every module records its import.
const handlerModule = (name: string, body = "") => `import { appendFileSync } from "node:fs";
appendFileSync(${JSON.stringify(imported)}, ${JSON.stringify(`${name}\n`)});
export class Handler {
  handle(payload, context) {
    appendFileSync(${JSON.stringify(seen)}, ${JSON.stringify(name)} + ":" + payload.n + ":" + context.event + "\\n");
    ${body}
  }
}
`;

writeFiles(path.join(dir, "plugins", "listeners"), {
  "registry.yaml": `plugin: { name: listeners }
event_handler:
  low: { class: ./low.js:Handler, metadata: { events: [ping] } }
  throws: { class: ./throws.js:Handler, priority: 5, metadata: { events: [ping] } }
  hangs: { class: ./hangs.js:Handler, priority: 5, metadata: { events: [ping] } }
  high: { class: ./high.js:Handler, priority: 10, metadata: { events: [ping, other] } }
  missing: { class: ./missing.js:Handler, priority: 1, metadata: { events: [ping] } }
  only_other: { class: ./other.js:Handler, metadata: { events: [other] } }
`,
  "low.js": handlerModule("low"),
  "high.js": handlerModule("high"),
  "other.js": handlerModule("only_other"),
  "throws.js": handlerModule("throws", `throw new Error("kaboom");`),
  "hangs.js": handlerModule("hangs", "return new Promise(() => {});"),
});
writeFiles(path.join(dir, "plugins", "bad-metadata"), {
  "registry.yaml": `plugin: { name: bad-metadata }
event_handler:
  nothing: { class: ./x.js:Handler, metadata: { events: [] } }
`,
});

const lines = (file: string) => (existsSync(file) ? readFileSync(file, "utf8").trim().split("\n") : []);
const app = () => createTestApp({ root: dir, config: { plugins: { event_timeout_ms: 50 } } });

describe("the app's event bus", () => {
  afterAll(() => removeDir(dir));

  it("imports a declared handler only when an event it wants is first emitted", async () => {
    removeDir(imported);
    const a = await app();
    const bus = await a.get(EventBus);
    expect(a.registry.winners(EventHandler.name).map((e) => e.name)).toContain("only_other");
    expect(lines(imported)).toEqual([]);
    await bus.emit(Ping, { n: 1 });
    expect(lines(imported)).not.toContain("only_other");
    await bus.emit(Other, { n: 1 });
    expect(lines(imported)).toContain("only_other");
    await a.dispose();
  });

  it("runs handlers by priority, isolates a throw, a hang and a failed import, and reports them", async () => {
    removeDir(seen);
    const a = await app();
    const bus = await a.get(EventBus);
    const programmatic: string[] = [];
    bus.on(Ping, (p, ctx) => void programmatic.push(`first:${p.n}:${ctx.source}`), { name: "first", priority: 100 });
    const off = bus.on(Ping, (p) => void programmatic.push(`last:${p.n}`), { name: "last" });
    const reports = [];
    for (const n of [1, 2, 3]) reports.push(await bus.emit(Ping, { n }, { source: "test" }));
    off.dispose();
    const fourth = await bus.emit(Ping, { n: 4 });
    // high (10), then throws and hangs (5, discovery order), missing (1), low (0), then `on` at 0.
    expect(lines(seen).filter((l) => l.endsWith(":1:ping"))).toEqual(["high:1:ping", "throws:1:ping", "hangs:1:ping", "low:1:ping"]);
    for (const name of ["high", "low"]) expect(lines(seen).filter((l) => l.startsWith(`${name}:`))).toHaveLength(4);
    expect(programmatic).toEqual(["first:1:test", "last:1", "first:2:test", "last:2", "first:3:test", "last:3", "first:4:app"]);
    for (const report of reports) {
      expect(report.delivered).toBe(4);
      expect(report.timedOut).toEqual(["hangs"]);
      expect(report.failed.map((f) => f.handler)).toEqual(["throws", "missing"]);
      expect(report.failed[0]?.error).toContain("kaboom");
    }
    expect(fourth.delivered).toBe(3);
    expect(bus.failures).toEqual({ throws: 4, hangs: 4, missing: 4 });
    await a.dispose();
  });

  it("gives each emit its own context and keeps a given correlation id", async () => {
    const a = await app();
    const bus = await a.get(EventBus);
    const contexts: { id: string; correlationId: string; timestamp: string }[] = [];
    bus.on(Other, (_p, ctx) => void contexts.push(ctx));
    await bus.emit(Other, { n: 1 });
    await bus.emit(Other, { n: 2 }, { correlationId: "run-7" });
    expect(contexts[0]?.correlationId).toBe(contexts[0]?.id);
    expect(contexts[1]?.correlationId).toBe("run-7");
    expect(contexts[0]?.id).not.toBe(contexts[1]?.id);
    expect(new Date(contexts[0]?.timestamp ?? "").toISOString()).toBe(contexts[0]?.timestamp);
    await a.dispose();
  });

  it("builds a declared handler through the app, so a test override replaces it without importing the module", async () => {
    removeDir(imported);
    const payloads: number[] = [];
    const a = await createTestApp({
      root: dir,
      config: { plugins: { event_timeout_ms: 50 } },
      overrides: [{ token: EventHandler, name: "only_other", useValue: { handle: (p: unknown) => void payloads.push((p as { n: number }).n) } }],
    });
    await (await a.get(EventBus)).emit(Other, { n: 7 });
    expect(payloads).toEqual([7]);
    expect(lines(imported)).not.toContain("only_other");
    await a.dispose();
  });

  it("reports a programmatic handler that throws synchronously, and the next one still runs", async () => {
    const a = await app();
    const bus = await a.get(EventBus);
    const after: number[] = [];
    bus.on(
      Other,
      () => {
        throw new Error("sync boom");
      },
      { name: "sync", priority: 50 },
    );
    bus.on(Other, (p) => void after.push(p.n), { priority: 40 });
    const report = await bus.emit(Other, { n: 3 });
    expect(report.failed).toEqual([{ handler: "sync", error: "sync boom" }]);
    expect(after).toEqual([3]);
    await a.dispose();
  });

  it("has one bus per app", async () => {
    const [a, b] = [await app(), await app()];
    const seenByA: number[] = [];
    (await a.get(EventBus)).on(Other, (p) => void seenByA.push(p.n));
    await (await b.get(EventBus)).emit(Other, { n: 1 });
    expect(seenByA).toEqual([]);
    await Promise.all([a.dispose(), b.dispose()]);
  });

  it("skips a plugin whose handler metadata names no event, with the entry's location", async () => {
    const a = await app();
    const problem = a.registry.problems().find((p) => p.plugin === "bad-metadata");
    expect(problem?.code).toBe("AIPERF_REGISTRY_INVALID");
    expect(problem?.message).toContain("metadata.events");
    expect(problem?.location.file).toContain("bad-metadata");
    expect(a.registry.plugins().find((p) => p.name === "bad-metadata")?.skipped).toBe(true);
    await a.dispose();
  });

  it("does not subscribe the handlers of a disabled plugin", async () => {
    removeDir(seen);
    const a = await createTestApp({ root: dir, config: { plugins: { event_timeout_ms: 50, disabled: ["listeners"] } } });
    const report = await (await a.get(EventBus)).emit(Ping, { n: 1 });
    expect(report).toEqual({ event: "ping", delivered: 0, failed: [], timedOut: [] });
    expect(lines(seen)).toEqual([]);
    await a.dispose();
  });
});
