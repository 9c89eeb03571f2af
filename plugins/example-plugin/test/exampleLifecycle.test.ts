import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createTestApp } from "aiperf/testing";
import { afterAll, describe, expect, it } from "vitest";

const pluginDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const out = mkdtempSync(path.join(tmpdir(), "example-lifecycle-"));
afterAll(() => rmSync(out, { recursive: true, force: true }));

function appWith(logFile: string, stateDir: string) {
  return createTestApp({
    root: out,
    noCache: true,
    stateDir,
    config: { plugins: { paths: [pluginDir], settings: { "plugin.aiperf-example-plugin": { log_file: logFile } } } },
  });
}

describe("the example plugin's lifecycle", () => {
  it("opens its log file on start, closes it on dispose, and counts runs across apps", async () => {
    const log = path.join(out, "logs", "example.log");
    const state = path.join(out, "state-a");
    for (const run of [1, 2]) {
      const app = await appWith(log, state);
      expect((await app.start()).started).toContain("aiperf-example-plugin");
      expect((await app.health()).plugins["aiperf-example-plugin"]).toMatchObject({ status: "ok", detail: `run ${run}, logging to ${log}` });
      await app.dispose();
    }
    const lines = readFileSync(log, "utf8").trim().split("\n");
    expect(lines.map((l) => l.split(" ").slice(1).join(" "))).toEqual(["run 1 started", "run 1 finished", "run 2 started", "run 2 finished"]);
  });

  it("reports degraded, and still starts, when its log file cannot be written", async () => {
    const blocker = path.join(out, "a-file");
    writeFileSync(blocker, "");
    await using app = await appWith(path.join(blocker, "example.log"), path.join(out, "state-b"));
    expect((await app.start()).failed).toEqual([]);
    const health = await app.health();
    expect(health.status).toBe("degraded");
    expect(health.plugins["aiperf-example-plugin"]).toMatchObject({ status: "degraded", detail: expect.stringContaining("cannot write") });
  });
});
