import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { type App, type Logger, silentLogger } from "aiperf/kernel";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { removeDir, tempDir } from "../helpers/fixtures.js";
import { latch, lifecycleApp, type Probe, probe, writePlugins } from "./lifecycleFixture.js";

const dirs: string[] = [];
const apps: App[] = [];
afterEach(async () => {
  for (const app of apps.splice(0)) await app.dispose().catch(() => undefined);
});
afterAll(() => {
  for (const dir of dirs) removeDir(dir);
});

/** A ← B ← C, and D on its own. */
function chain(): string {
  const root = tempDir("lifecycle");
  dirs.push(root);
  writePlugins(root, { a: {}, b: { dependencies: { a: ">=1.0 <2" } }, c: { dependencies: ["b"] }, d: {} });
  return root;
}

async function app(root: string, p: Probe, plugins: Record<string, unknown> = {}, logger: Logger = silentLogger): Promise<App> {
  const made = await lifecycleApp(root, p, logger, plugins);
  apps.push(made);
  return made;
}

function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return { lines, debug() {}, info() {}, warn: (m) => lines.push(`warn ${m}`), error: (m) => lines.push(`error ${m}`) };
}

describe("plugin lifecycle: start order and cleanup", () => {
  it("starts A, B, C in dependency order with D concurrent with A, and cleans up in exact reverse order", async () => {
    const p = probe();
    const dStarted = latch();
    // A finishes only once D has begun: A and D must be initializing at the same time.
    p.initialize.a = () => dStarted.opened;
    p.initialize.d = () => dStarted.open();
    const made = await app(chain(), p);
    const report = await made.start();
    expect(report.failed).toEqual([]);
    expect(report.skipped).toEqual([]);
    expect(report.started.filter((n) => n !== "d")).toEqual(["a", "b", "c"]);
    expect([...report.started].sort()).toEqual(["a", "b", "c", "d"]);
    expect(p.events.indexOf("init d")).toBeLessThan(p.events.indexOf("ready a"));
    expect(p.events.filter((e) => e.startsWith("init ") && e !== "init d")).toEqual(["init a", "init b", "init c"]);
    expect(p.events.indexOf("ready a")).toBeLessThan(p.events.indexOf("init b"));
    expect(p.events.indexOf("ready b")).toBeLessThan(p.events.indexOf("init c"));
    p.events.length = 0;
    await made.dispose();
    // Exact reverse of start completion.
    expect(p.events).toEqual([...report.started].reverse().map((n) => `cleanup ${n}`));
  });

  it("await using disposes the app, cleaning up its plugins", async () => {
    const p = probe();
    const root = chain();
    let started: string[] = [];
    {
      await using made = await lifecycleApp(root, p, silentLogger);
      started = (await made.start()).started;
      expect(p.events.some((e) => e.startsWith("cleanup"))).toBe(false);
    }
    expect(p.events.filter((e) => e.startsWith("cleanup"))).toEqual([...started].reverse().map((n) => `cleanup ${n}`));
  });
});

describe("plugin lifecycle: dependency errors are found before anything is initialized", () => {
  const cases: [string, Record<string, { dependencies?: Record<string, string | null> | string[]; version?: string }>, string, RegExp][] = [
    ["a cycle", { a: { dependencies: ["c"] }, b: { dependencies: ["a"] }, c: { dependencies: ["b"] } }, "AIPERF_PLUGIN_DEPENDENCY_CYCLE", /a → c → b → a/],
    [
      "a missing dependency",
      { a: {}, b: { dependencies: ["zeta"] } },
      "AIPERF_PLUGIN_DEPENDENCY_MISSING",
      /plugin "b" depends on "zeta", which is not installed/,
    ],
    [
      "a version out of range",
      { a: { version: "2.1.0" }, b: { dependencies: { a: ">=1.2 <2" } } },
      "AIPERF_PLUGIN_DEPENDENCY_VERSION",
      /plugin "b" needs "a" >=1.2 <2, but 2.1.0/,
    ],
  ];
  for (const [what, plugins, code, message] of cases) {
    it(`${what} is a coded error naming the plugins, and nothing is initialized`, async () => {
      const root = tempDir("lifecycle");
      dirs.push(root);
      writePlugins(root, plugins);
      const p = probe();
      const made = await app(root, p);
      const error = await made.start().catch((e: unknown) => e);
      expect(error).toMatchObject({ code, message: expect.stringMatching(message) });
      expect(p.events).toEqual([]);
    });
  }
});

describe("plugin lifecycle: failure isolation", () => {
  it("B's initialize throws: A and D run, B failed with its cause, C skipped; each failure is logged", async () => {
    const p = probe();
    p.initialize.b = () => {
      throw new Error("no database");
    };
    const logger = recordingLogger();
    const made = await app(chain(), p, {}, logger);
    const report = await made.start();
    expect([...report.started].sort()).toEqual(["a", "d"]);
    expect(report.failed).toEqual([{ plugin: "b", cause: "no database" }]);
    expect(report.skipped).toEqual([{ plugin: "c", because: "its dependency b did not start" }]);
    expect(logger.lines).toContain('error plugin "b" failed to start: no database');
    const health = await made.health();
    expect(health.status).toBe("down");
    expect(health.plugins.b).toMatchObject({ status: "down", detail: expect.stringContaining("no database") });
    expect(health.plugins.a?.status).toBe("ok");
    p.events.length = 0;
    await made.dispose();
    // A failed plugin's cleanup is not called: cleanup pairs with a successful initialize.
    expect([...p.events].sort()).toEqual(["cleanup a", "cleanup d"]);
  });

  it("an initialize that never settles is bounded by start_timeout_ms; the others start", async () => {
    const p = probe();
    p.initialize.d = () => new Promise<void>(() => undefined);
    const made = await app(chain(), p, { start_timeout_ms: 50 });
    const report = await made.start();
    expect(report.started).toEqual(["a", "b", "c"]);
    expect(report.failed).toEqual([{ plugin: "d", cause: expect.stringContaining("did not finish within 50 ms") }]);
  });

  it("with on_start_failure: fail, start rejects with a coded error and A and D are cleaned up", async () => {
    const p = probe();
    p.initialize.b = () => {
      throw new Error("no database");
    };
    const made = await app(chain(), p, { on_start_failure: "fail" });
    await expect(made.start()).rejects.toMatchObject({ code: "AIPERF_PLUGIN_START_FAILED", message: expect.stringContaining('"b" (no database)') });
    expect(p.events.filter((e) => e.startsWith("cleanup")).sort()).toEqual(["cleanup a", "cleanup d"]);
  });
});

describe("plugin lifecycle: health", () => {
  it("reports each plugin with the worst status overall: degraded, a throwing check and a hung check are down", async () => {
    const p = probe();
    p.health.a = () => ({ status: "degraded", detail: "disk 91% full" });
    p.health.b = () => {
      throw new Error("socket closed");
    };
    p.health.c = () => new Promise(() => undefined);
    const made = await app(chain(), p, { health_timeout_ms: 50 });
    await made.start();
    const health = await made.health();
    expect(health.status).toBe("down");
    expect(health.plugins.a).toMatchObject({ status: "degraded", detail: "disk 91% full" });
    expect(health.plugins.b).toMatchObject({ status: "down", detail: "socket closed" });
    expect(health.plugins.c).toMatchObject({ status: "down", detail: expect.stringContaining("50 ms") });
    expect(health.plugins.d).toMatchObject({ status: "ok" });
  });
});

describe("plugin lifecycle: state", () => {
  it("state survives into a second app over the same state folder", async () => {
    const root = chain();
    const first = await app(root, probe());
    await first.start();
    await first.dispose();
    expect(JSON.parse(readFileSync(path.join(root, "state", "a.json"), "utf8"))).toEqual({ runs: 1 });
    const second = await app(root, probe());
    await second.start();
    await second.dispose();
    expect(JSON.parse(readFileSync(path.join(root, "state", "a.json"), "utf8"))).toEqual({ runs: 2 });
  });

  it("a corrupt state file gives a warning naming it, and fresh state", async () => {
    const root = chain();
    const file = path.join(root, "state", "b.json");
    const first = await app(root, probe());
    await first.start();
    await first.dispose();
    writeFileSync(file, "{ not json");
    const logger = recordingLogger();
    const second = await app(root, probe(), {}, logger);
    expect((await second.start()).failed).toEqual([]);
    await second.dispose();
    expect(logger.lines.some((l) => l.startsWith("warn") && l.includes(file))).toBe(true);
    expect(JSON.parse(readFileSync(file, "utf8"))).toEqual({ runs: 1 });
  });
});
