import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { CreditPhase, PhaseOrchestrator } from "aiperf";
import { createTestApp } from "aiperf/testing";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { removeDir, repoRoot, sentinelModule, tempDir, writeFiles } from "../helpers/fixtures.js";

const dir = tempDir("plugins-cli");
const { version } = JSON.parse(readFileSync(path.join(repoRoot, "package.json"), "utf8")) as { version: string };
const sentinel = path.join(dir, "imported.txt");
const hook = "export class Hook { async onPhaseStart() {} }\n";
writeFiles(dir, {
  "bad/syntax/registry.yaml": "plugin: { name: syntax }\nphase_hook:\n  x: a: b\n",
  "bad/unknown/registry.yaml": "plugin: { name: unknown }\nphase_hok:\n  x: { class: ./h.js:Hook }\n",
  "bad/unknown/h.js": hook,
  "bad/export/registry.yaml": "plugin: { name: export }\nphase_hook:\n  x: { class: ./h.js:Hok }\n",
  "bad/export/h.js": hook,
  "bad/escape/registry.yaml": "plugin: { name: escape }\nphase_hook:\n  x: { class: ../export/h.js:Hook }\n",
  "bad/requires/registry.yaml": "plugin: { name: requires, requires: '>=2.0.0' }\nphase_hook:\n  x: { class: ./h.js:Hook }\n",
  "bad/requires/h.js": hook,
  "good/one/registry.yaml": "plugin: { name: good-one }\nendpoint:\n  sentinel_endpoint: { class: ./ep.js:Endpoint, priority: 3 }\n",
  "good/one/ep.js": sentinelModule(sentinel, "good-one"),
});

describe("aiperf plugins", () => {
  afterAll(() => removeDir(dir));

  it("validate reports each broken registry with file:line:col and its code, and exits 1", async () => {
    const { code, stdout } = await runCli(["plugins", "validate", "bad/syntax", "bad/unknown", "bad/export", "bad/escape", "bad/requires"], { cwd: dir });
    expect(code).toBe(1);
    const reg = (name: string) => path.join(dir, "bad", name, "registry.yaml");
    expect(stdout).toContain(`${reg("syntax")}:3:6  AIPERF_REGISTRY_INVALID  YAML syntax error`);
    expect(stdout).toContain(`${reg("unknown")}:2:1  AIPERF_UNKNOWN_PROTOCOL  unknown protocol "phase_hok". Did you mean "phase_hook"?`);
    expect(stdout).toMatch(
      new RegExp(`${reg("export").replace(/[.]/g, "\\.")}:3:3  AIPERF_PLUGIN_LOAD_FAILED  class "Hok" is not exported by .*Did you mean "Hook"\\?`),
    );
    expect(stdout).toContain(`${reg("escape")}:3:15  AIPERF_CLASS_PATH_INVALID`);
    expect(stdout).toContain(
      `${reg("requires")}:1:37  AIPERF_REQUIRES_UNSATISFIED  plugin "requires" requires aiperf >=2.0.0, but this is ${version}; it is skipped`,
    );
    expect(stdout.trim().split("\n").pop()).toBe("5 plugin(s) checked: 5 problem(s)");
  });

  it("validate passes good plugins with exit 0 and a one-line summary, without importing them", async () => {
    const { code, stdout } = await runCli(["plugins", "validate", "good/one", path.join(repoRoot, "plugins", "example-plugin")], { cwd: dir });
    expect(code).toBe(0);
    expect(stdout).toBe("2 plugin(s) checked: no problems\n");
    expect(existsSync(sentinel)).toBe(false);
  });

  it("list, show, info and protocols read manifests only", async () => {
    const config = path.join(dir, "cfg.yaml");
    writeFiles(dir, { "cfg.yaml": `plugins:\n  paths: [good/one, ${path.join(repoRoot, "plugins", "example-plugin")}]\n` });
    const list = await runCli(["plugins", "list", "--json", "-c", config, "--no-cache"], { cwd: dir });
    expect(list.code).toBe(0);
    const names = (JSON.parse(list.stdout) as { name: string }[]).map((e) => e.name);
    expect(names).toEqual(expect.arrayContaining(["sentinel_endpoint", "example_logging", "openai_chat"]));
    const show = await runCli(["plugins", "show", "endpoint", "Sentinel-Endpoint", "-c", config, "--no-cache"], { cwd: dir });
    expect(show.stdout).toMatch(/endpoint sentinel_endpoint \(winner\)/);
    expect(show.stdout).toMatch(/priority\s+3/);
    const hookShow = await runCli(["plugins", "show", "phase_hook", "example_logging", "-c", config, "--no-cache"], { cwd: dir });
    expect(hookShow.stdout).toMatch(/log_file\s+isNotEmpty, isString {2}\(required\)/);
    expect(hookShow.stdout).toMatch(/verbose\s+isBoolean {2}default false/);
    const info = await runCli(["plugins", "info", "aiperf-example-plugin", "--json", "-c", config, "--no-cache"], { cwd: dir });
    expect(JSON.parse(info.stdout).provides).toHaveLength(6);
    const protocols = await runCli(["plugins", "protocols", "--json"], { cwd: dir });
    const visible = (JSON.parse(protocols.stdout) as { name: string }[]).map((p) => p.name);
    expect(visible).toEqual(expect.arrayContaining(["phase_hook", "event_handler"]));
    expect(visible).not.toContain("zmq_proxy");
    const all = await runCli(["plugins", "protocols", "--all", "--json"], { cwd: dir });
    expect((JSON.parse(all.stdout) as { name: string }[]).map((p) => p.name)).toContain("zmq_proxy");
    expect(existsSync(sentinel)).toBe(false);
    const unknown = await runCli(["plugins", "show", "endpoint", "opena_chat"], { cwd: dir });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/Did you mean "openai_chat"\?/);
  });

  it("new scaffolds a plugin that passes its own tests and validate --import, and whose hook an app runs", async () => {
    const made = await runCli(["plugins", "new", "demo", "--dir", dir], { cwd: dir });
    expect(made.code).toBe(0);
    const pluginDir = path.join(dir, "demo");
    const ownTests = spawnSync(process.execPath, ["--test"], { cwd: pluginDir, encoding: "utf8" });
    expect(ownTests.status, ownTests.stdout + ownTests.stderr).toBe(0);
    const validated = await runCli(["plugins", "validate", "--import", pluginDir], { cwd: dir });
    expect(validated.stdout).toBe("1 plugin(s) checked (with --import): no problems\n");
    expect(validated.code).toBe(0);

    const app = await createTestApp({ noCache: true, root: dir, config: { plugins: { paths: [pluginDir], phase_hooks: ["demo_hook"] } } });
    const orchestrator = await app.get(PhaseOrchestrator);
    await orchestrator.runPhase(CreditPhase.Warmup, {}, async (ctx) => {
      await ctx.sendingComplete();
      return [];
    });
    const [hookInstance] = (await app.getAll(Symbol.for("aiperf.protocol.phase_hook"))) as { events: string[] }[];
    expect(hookInstance?.events).toEqual(["warmup start", "warmup sending_complete", "warmup complete"]);
    await app.dispose();

    const again = await runCli(["plugins", "new", "demo", "--dir", dir], { cwd: dir });
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already exists/);
  });
});
