import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { discoverPlugins } from "../../src/kernel/discovery/discoverPlugins.js";
import { parseRegistry } from "../../src/kernel/registry/parseRegistry.js";
import { profilerHost } from "../../src/profiler/profilerHost.js";
import { runCli } from "../helpers/cli.js";
import { removeDir, tempDir, writeFiles } from "../helpers/fixtures.js";

const hook = "export class Hook { async onPhaseStart() {} }\n";
const bomb = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
  .concat([..."bcdefghi"].map((c, i) => `${c}: &${c} [${Array(10).fill(`*${"abcdefghi"[i]}`).join(", ")}]`))
  .join("\n");

/** Each hostile registry, what it must be reported as, and where (line:col). */
const hostile: Record<string, { yaml: string; code: string; at: string; message: RegExp }> = {
  "entry-number": {
    yaml: "plugin: { name: entry-number }\nphase_hook:\n  x: 5\n",
    code: "AIPERF_REGISTRY_INVALID",
    at: "3:6",
    message: /must be a class path/,
  },
  "entry-list": {
    yaml: "plugin: { name: entry-list }\nphase_hook:\n  x: [a, b]\n",
    code: "AIPERF_REGISTRY_INVALID",
    at: "3:6",
    message: /must be a class path/,
  },
  "module-number": { yaml: "plugin: { name: module-number, module: 9 }\n", code: "AIPERF_REGISTRY_INVALID", at: "1:40", message: /"module" must be a string/ },
  "metadata-constructor": {
    yaml: "plugin: { name: metadata-constructor }\nphase_hook:\n  x: { class: ./h.js:Hook, metadata: { constructor: { a: 1 } } }\n",
    code: "AIPERF_REGISTRY_INVALID",
    at: "3:40",
    message: /key "constructor" is not allowed/,
  },
  "proto-key": {
    yaml: "plugin: { name: proto-key }\n__proto__:\n  x: ./h.js:Hook\n",
    code: "AIPERF_REGISTRY_INVALID",
    at: "2:1",
    message: /key "__proto__" is not allowed/,
  },
  "plugin-list": { yaml: "plugin: [{ name: plugin-list }]\n", code: "AIPERF_REGISTRY_INVALID", at: "1:9", message: /"plugin" must be a mapping/ },
  "name-number": { yaml: "plugin: { name: 42 }\n", code: "AIPERF_REGISTRY_INVALID", at: "1:17", message: /"name" must be a string/ },
  "alias-bomb": { yaml: `plugin: { name: alias-bomb }\n${bomb}\n`, code: "AIPERF_REGISTRY_INVALID", at: "1:1", message: /resource exhaustion/ },
  "alias-cycle": {
    yaml: "plugin: { name: alias-cycle }\nphase_hook:\n  x: &e { class: ./h.js:Hook, metadata: { self: *e } }\n",
    code: "AIPERF_REGISTRY_INVALID",
    at: "3:49",
    message: /refers to a node that contains it/,
  },
};

describe("hostile registries", () => {
  it.each(Object.entries(hostile))("%s is a coded problem with its line and column, not an exception", (_, { yaml, code, at, message }) => {
    const parsed = parseRegistry(yaml, { file: "/p/registry.yaml", pluginRoot: "/p" });
    const [line, col] = at.split(":").map(Number);
    expect(parsed.problems[0]).toMatchObject({ code, severity: "error", location: { file: "/p/registry.yaml", line, col } });
    expect(parsed.problems[0]?.message).toMatch(message);
    expect(parsed.entries).toEqual([]);
  });

  it("keeps only plugin fields that passed validation", () => {
    const parsed = parseRegistry("plugin: { name: n, version: { a: 1 }, requires: 5, description: 7 }\n", { file: "/p/registry.yaml", pluginRoot: "/p" });
    expect(parsed.plugin).toEqual({ name: "n" });
    const at = (message: RegExp) => parsed.problems.find((p) => message.test(p.message))?.location;
    expect(at(/"version" must be a semver version/)).toEqual({ file: "/p/registry.yaml", line: 1, col: 29 });
    expect(at(/"requires" must be a semver range/)).toEqual({ file: "/p/registry.yaml", line: 1, col: 49 });
    expect(at(/"description" must be a string/)).toEqual({ file: "/p/registry.yaml", line: 1, col: 65 });
  });
});

describe("hostile plugins in an app", () => {
  const dir = tempDir("hostile");
  const bad = Object.fromEntries(Object.entries(hostile).map(([name, { yaml }]) => [`plugins/${name}/registry.yaml`, yaml]));
  writeFiles(dir, {
    ...bad,
    "package.json": JSON.stringify({ name: "app", dependencies: { "evil-dep": "1.0.0" } }),
    "node_modules/evil-dep/package.json": JSON.stringify({ name: "evil-dep", version: "1.0.0", aiperf: { registry: 42 } }),
    "plugins/pkg-name-number/package.json": '{\n  "name": 42\n}\n',
    "plugins/pkg-name-number/registry.yaml": "phase_hook:\n  y: ./h.js:Hook\n",
    "plugins/registry-outside/package.json": JSON.stringify({ name: "registry-outside", aiperf: { registry: "../good/registry.yaml" } }),
    "plugins/good/registry.yaml": "plugin: { name: good }\nphase_hook:\n  fine: ./h.js:Hook\n",
    "plugins/good/h.js": hook,
  });
  afterAll(() => removeDir(dir));

  it("discovery reports and skips each bad plugin, and loads the good one", async () => {
    const registry = await discoverPlugins({ root: dir, ...profilerHost({ builtin: false }) });
    const plugins = registry.plugins();
    expect(plugins.filter((p) => !p.skipped).map((p) => p.name)).toEqual(["good"]);
    expect(registry.list("phase_hook").map((e) => e.name)).toEqual(["fine"]);
    for (const plugin of plugins.filter((p) => p.skipped))
      expect(
        plugin.problems.some((p) => p.severity === "error"),
        plugin.name,
      ).toBe(true);
    const evil = plugins.find((p) => p.name === "evil-dep");
    expect(evil?.problems[0]).toMatchObject({
      code: "AIPERF_REGISTRY_INVALID",
      message: expect.stringMatching(/"aiperf.registry" must be a file path/),
      location: { file: path.join(dir, "node_modules/evil-dep/package.json"), line: 1, col: 59 },
    });
    const pkgName = plugins.find((p) => p.root.endsWith("pkg-name-number"));
    expect(pkgName?.problems[0]).toMatchObject({ message: 'package.json "name" must be a non-empty string', location: { line: 2, col: 11 } });
    const outside = plugins.find((p) => p.name === "registry-outside");
    expect(outside?.problems[0]?.message).toMatch(/must stay inside the package folder/);
  });

  it("every plugins command answers with codes, never a stack trace", async () => {
    const runs = await Promise.all([
      runCli(["plugins", "--json", "--no-cache"], { cwd: dir }),
      runCli(["plugins", "list", "--json"], { cwd: dir }),
      runCli(["plugins", "info", "evil-dep", "--json"], { cwd: dir }),
      runCli(["plugins", "validate", "--json"], { cwd: dir }),
    ]);
    for (const run of runs) {
      expect(run.stderr).not.toMatch(/\n\s+at /);
      expect(() => JSON.parse(run.stdout)).not.toThrow();
    }
    expect(runs.map((r) => r.code)).toEqual([0, 0, 0, 1]);
    const validated = JSON.parse(runs[3]?.stdout ?? "") as { path: string; problems: { code: string }[] }[];
    expect(validated.filter((v) => v.problems.length === 0).map((v) => path.basename(v.path))).toEqual(["good"]);
    expect(validated).toHaveLength(Object.keys(hostile).length + 4);
  });
});
