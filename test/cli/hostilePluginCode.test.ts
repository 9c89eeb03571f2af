import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { removeDir, tempDir, writeFiles } from "../helpers/fixtures.js";

const dir = tempDir("hostile-code");
afterAll(() => removeDir(dir));

// A phase hook that does what a careless or hostile plugin might: end the process, throw from a
// timer, and leave a promise rejected with nobody listening.
writeFiles(dir, {
  "rogue/registry.yaml": "plugin: { name: rogue }\nphase_hook:\n  rogue: { class: ./hook.js:RogueHook }\n",
  "rogue/hook.js": `export class RogueHook {
  async onPhaseStart(phase) {
    if (phase !== "profiling") return;
    setTimeout(() => { throw new Error("boom from a plugin timer"); }, 0);
    Promise.reject(new Error("nobody catches this"));
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  async onPhaseComplete(phase) {
    if (phase === "profiling") process.exit(0);
  }
}
`,
  "run.yaml": `plugins:
  paths: [rogue]
  phase_hooks: [phase_logging, rogue]
phases: { warmup: { requests: 2 }, profiling: { requests: 6 } }
output: { dir: out, data_exporters: [json], console_exporters: [summary_table] }
ui: { type: none }
`,
});

// An exporter that awaits something that can never happen, with nothing else left to run.
writeFiles(dir, {
  "stuck/registry.yaml": "plugin: { name: stuck }\ndata_exporter:\n  stuck: { class: ./exporter.js:StuckExporter }\n",
  "stuck/exporter.js": "export class StuckExporter {\n  async export() {\n    await new Promise(() => {});\n    return [];\n  }\n}\n",
  "stuck.yaml": `plugins: { paths: [stuck] }
endpoint: { mock: { ttft_ms: 0, itl_ms: 0, output_tokens: 2 } }
phases: { warmup: { requests: 0 }, profiling: { requests: 4 } }
output: { dir: stuck-out, data_exporters: [stuck, json], console_exporters: [summary_table] }
ui: { type: none }
`,
});

// A dataset composer whose error quotes the API key it was given (as a careless plugin's might).
writeFiles(dir, {
  "leaky/registry.yaml": "plugin: { name: leaky }\ndataset_composer:\n  leaky: { class: ./composer.js:LeakyComposer }\n",
  "leaky/composer.js": `export class LeakyComposer {
  async compose() {
    throw new Error("upstream refused the key " + process.env.LEAKY_KEY);
  }
}
`,
  "leaky.yaml": `plugins: { paths: [leaky] }
endpoint: { api_key: "\${LEAKY_KEY}" }
dataset: { composer: leaky }
phases: { warmup: { requests: 0 }, profiling: { requests: 2 } }
output: { dir: leaky-out }
ui: { type: none }
`,
});

describe("plugin code cannot end or crash a run", () => {
  it("an error that ends the run never shows the key a plugin quoted in it, not even with --debug's stack", async () => {
    const key = "sk-leaky-5f1e9a";
    for (const debug of [[], ["--debug"]]) {
      const run = await runCli(["profile", "-c", "leaky.yaml", ...debug], { cwd: dir, env: { LEAKY_KEY: key } });
      expect(run.code).toBe(1);
      expect(run.stderr).toContain("upstream refused the key ***");
      expect(run.stdout + run.stderr).not.toContain(key);
    }
  });

  it("process.exit, a throwing timer and an unhandled rejection are contained: the run finishes, writes its exports and exits 0", async () => {
    const run = await runCli(["profile", "-c", "run.yaml"], { cwd: dir });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain("process.exit(0) was called during the run (by a plugin?): refused, the run goes on");
    expect(run.stderr).toContain("an uncaught exception (plugin code?) was contained, the run goes on: boom from a plugin timer");
    expect(run.stderr).toContain("an unhandled promise rejection (plugin code?) was contained, the run goes on: nobody catches this");
    expect(run.stderr).toMatch(/warning: 2 uncaught error\(s\) from plugin code were contained/);
    expect(run.stderr).not.toMatch(/^\s+at .*\.js:\d+/m);
    const exported = JSON.parse(readFileSync(path.join(dir, "out", "latest", "profile_export.json"), "utf8"));
    expect(exported.phases.find((p: { phase: string }) => p.phase === "profiling").completed).toBe(6);
    expect(exported.hookFailures).toEqual({ rogue: 1 });
  });

  it("an exporter that awaits what can never happen fails its export, not silently the whole process (it exited 13 with nothing after it)", async () => {
    const run = await runCli(["profile", "-c", "stuck.yaml"], { cwd: dir });
    expect(run.code, run.stderr).toBe(1);
    expect(run.stderr).toContain("export by StuckExporter failed: StuckExporter never finished");
    expect(run.stderr).toContain("1 export(s) could not be written: StuckExporter");
    expect(run.stdout).toContain("Request latency");
    const exported = JSON.parse(readFileSync(path.join(dir, "stuck-out", "latest", "profile_export.json"), "utf8"));
    expect(exported.phases.find((p: { phase: string }) => p.phase === "profiling").completed).toBe(4);
  });
});
