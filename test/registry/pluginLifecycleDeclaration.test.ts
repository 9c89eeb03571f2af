import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseRegistry } from "../../src/kernel/registry/parseRegistry.js";

const root = path.resolve("/plugins/queue");
const source = { file: path.join(root, "registry.yaml"), pluginRoot: root };

describe("registry.yaml plugin: dependencies, lifecycle and auto_start", () => {
  it("reads a map of dependencies with ranges, the lifecycle class path and auto_start", () => {
    const text =
      'plugin:\n  name: queue\n  dependencies: { aiperf-base: ">=1.2 <2", Other_Plugin: null }\n  lifecycle: ./dist/plugin.js:QueuePlugin\n  auto_start: true\n';
    const { plugin, problems } = parseRegistry(text, source);
    expect(problems).toEqual([]);
    expect(plugin.dependencies).toMatchObject([
      { name: "aiperf_base", displayName: "aiperf-base", range: ">=1.2 <2", location: { line: 3, col: 19 } },
      { name: "other_plugin", displayName: "Other_Plugin" },
    ]);
    expect(plugin.dependencies?.[1]).not.toHaveProperty("range");
    expect(plugin.lifecycle).toMatchObject({ modulePath: path.join(root, "dist", "plugin.js"), exportName: "QueuePlugin" });
    expect(plugin.autoStart).toBe(true);
  });

  it("reads a list of dependencies", () => {
    const { plugin, problems } = parseRegistry("plugin:\n  name: queue\n  dependencies: [base, extra]\n", source);
    expect(problems).toEqual([]);
    expect(plugin.dependencies?.map((d) => d.name)).toEqual(["base", "extra"]);
  });

  it("reports a bad range, a lifecycle outside the plugin folder and a non-boolean auto_start at their positions", () => {
    const text = 'plugin:\n  name: queue\n  dependencies: { base: "not a range" }\n  lifecycle: ../elsewhere.js:X\n  auto_start: yes please\n';
    const { problems } = parseRegistry(text, source);
    const at = (code: string, line: number) => problems.find((p) => p.code === code && p.location.line === line);
    expect(at("AIPERF_REGISTRY_INVALID", 3)?.message).toMatch(/"dependencies" must map plugin names to semver ranges/);
    expect(at("AIPERF_CLASS_PATH_INVALID", 4)?.message).toMatch(/outside the plugin folder/);
    expect(at("AIPERF_REGISTRY_INVALID", 5)?.message).toMatch(/auto_start/);
  });
});
