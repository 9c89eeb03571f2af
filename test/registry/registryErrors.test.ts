import path from "node:path";
import { PhaseHook, type RegistryProblem } from "aiperf";
import { afterAll, describe, expect, it } from "vitest";
import { parseRegistry } from "../../src/kernel/registry/parseRegistry.js";
import { removeDir, tempDir, writeFiles } from "../helpers/fixtures.js";
import { appFor } from "../helpers/silentApp.js";

const dir = tempDir("regerr");
const good = "export class Hook { async onPhaseStart() {} }\n";
writeFiles(dir, {
  "plugins/a-syntax/registry.yaml": "plugin:\n  name: syntax\nphase_hook:\n  x: a: b\n  y: 1\n",
  "plugins/b-type/registry.yaml": "plugin:\n  name: bad-type\nphase_hook:\n  x:\n    class: ./h.js:Hook\n    priority: high\n",
  "plugins/b-type/h.js": good,
  "plugins/c-unknown/registry.yaml": "plugin:\n  name: unknown-key\nphase_hok:\n  x:\n    class: ./h.js:Hook\n",
  "plugins/c-unknown/h.js": good,
  "plugins/d-escape/registry.yaml": "plugin:\n  name: escape\nphase_hook:\n  x:\n    class: ../z-good/h.js:Hook\n",
  "plugins/z-good/registry.yaml": "plugin:\n  name: good\nphase_hook:\n  fine:\n    class: ./h.js:Hook\n",
  "plugins/z-good/h.js": good,
});

function problemOf(problems: RegistryProblem[], plugin: string): RegistryProblem {
  const found = problems.find((p) => p.plugin === plugin && p.severity === "error");
  if (!found) throw new Error(`no problem for ${plugin}: ${JSON.stringify(problems)}`);
  return found;
}

describe("registry errors", () => {
  afterAll(() => removeDir(dir));

  it("reports each bad registry with its own code and file:line:col, and still loads the good plugin", async () => {
    const app = await appFor(dir);
    const problems = app.registry.problems();
    const reg = (folder: string) => path.join(dir, "plugins", folder, "registry.yaml");

    const syntax = problemOf(problems, "a-syntax");
    expect(syntax.code).toBe("AIPERF_REGISTRY_INVALID");
    expect(syntax.message).toMatch(/YAML syntax error/);
    expect(syntax.location).toMatchObject({ file: reg("a-syntax"), line: 4 });

    const type = problemOf(problems, "bad-type");
    expect(type).toMatchObject({ code: "AIPERF_REGISTRY_INVALID", location: { file: reg("b-type"), line: 6, col: 15 } });
    expect(type.message).toMatch(/"priority" must be an integer/);

    const unknown = problemOf(problems, "unknown-key");
    expect(unknown).toMatchObject({ code: "AIPERF_UNKNOWN_PROTOCOL", location: { file: reg("c-unknown"), line: 3, col: 1 } });
    expect(unknown.message).toContain('Did you mean "phase_hook"?');

    const escaped = problemOf(problems, "escape");
    expect(escaped).toMatchObject({ code: "AIPERF_CLASS_PATH_INVALID", location: { file: reg("d-escape"), line: 5, col: 12 } });
    expect(escaped.message).toMatch(/outside the plugin folder/);

    expect(
      app.registry
        .plugins()
        .filter((p) => !p.skipped)
        .map((p) => p.name),
    ).toEqual(["good"]);
    expect(await app.get(PhaseHook, "fine")).toHaveProperty("onPhaseStart");
    await app.dispose();
  });

  it.each([
    ["/abs/h.js:Hook", /absolute path/],
    ["https://evil.example/h.js:Hook", /URL/],
    ["node:fs:readFileSync", /URL or "node:" specifier/],
    ["lodash:map", /must start with "\.\/"/],
  ])("refuses the class path %s", (classPath, reason) => {
    const parsed = parseRegistry(`phase_hook:\n  x:\n    class: "${classPath}"\n`, { file: "/p/registry.yaml", pluginRoot: "/p" });
    expect(parsed.entries).toEqual([]);
    expect(parsed.problems[0]?.code).toBe("AIPERF_CLASS_PATH_INVALID");
    expect(parsed.problems[0]?.message).toMatch(reason);
  });

  it("names an unknown entry field and the closest valid one", () => {
    const parsed = parseRegistry("phase_hook:\n  x:\n    class: ./h.js:H\n    auto_lod: true\n", { file: "/p/registry.yaml", pluginRoot: "/p" });
    expect(parsed.problems[0]).toMatchObject({ code: "AIPERF_REGISTRY_INVALID", location: { line: 4, col: 5 } });
    expect(parsed.problems[0]?.message).toContain('Did you mean "auto_load"?');
  });

  it("lets a plugin define a new protocol and implement it", () => {
    const parsed = parseRegistry(
      "plugin: { name: n }\nprotocols:\n  notifier: { description: Sends notifications, cardinality: many, members: [notify] }\nnotifier:\n  email: { class: ./e.js:Email }\n",
      { file: "/p/registry.yaml", pluginRoot: "/p" },
    );
    expect(parsed.problems).toEqual([]);
    expect(parsed.protocols[0]).toMatchObject({ name: "notifier", cardinality: "many", members: ["notify"] });
    expect(parsed.entries[0]).toMatchObject({ protocol: "notifier", name: "email" });
  });
});
