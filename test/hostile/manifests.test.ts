import { execFileSync } from "node:child_process";
import { symlinkSync } from "node:fs";
import path from "node:path";
import { type App, type AppConfig, PhaseHook } from "aiperf";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { removeDir, tempDir, writeFiles } from "../helpers/fixtures.js";
import { appFor } from "../helpers/silentApp.js";
import { cliIn, expectClean, QUICK } from "./hostile.js";

const hook = "export class Hook { async onPhaseStart() {} }\n";
const bomb = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
  .concat([..."bcdefghi"].map((c, i) => `${c}: &${c} [${Array(10).fill(`*${"abcdefghi"[i]}`).join(", ")}]`))
  .join("\n");

/**
 * One plugin folder per hostile registry.yaml: what it is reported as (code, severity), the
 * message and where (line:col). All of them sit in one app next to two good plugins, so one
 * discovery proves each is reported and skipped on its own.
 */
const registries: [folder: string, yaml: string, code: string, message: RegExp, at?: string][] = [
  [
    "cp-absolute",
    "phase_hook:\n  a: /etc/passwd.js:Hook\n",
    "AIPERF_CLASS_PATH_INVALID",
    /is an absolute path; use a path relative to the registry file/,
    "3:6",
  ],
  ["cp-dotdot", "phase_hook:\n  a: ../good/h.js:Hook\n", "AIPERF_CLASS_PATH_INVALID", /resolves to .*, outside the plugin folder/, "3:6"],
  ["cp-https", "phase_hook:\n  a: https://evil.example/h.js:Hook\n", "AIPERF_CLASS_PATH_INVALID", /is a URL or "https:" specifier/, "3:6"],
  ["cp-file-url", 'phase_hook:\n  a: "file:///etc/x.js:Hook"\n', "AIPERF_CLASS_PATH_INVALID", /is a URL or "file:" specifier/, "3:6"],
  ["cp-data-url", 'phase_hook:\n  a: "data:text/javascript,process.exit(1):Hook"\n', "AIPERF_CLASS_PATH_INVALID", /is a URL or "data:" specifier/, "3:6"],
  ["cp-node", "phase_hook:\n  a: node:child_process:exec\n", "AIPERF_CLASS_PATH_INVALID", /is a URL or "node:" specifier/, "3:6"],
  ["cp-package", "phase_hook:\n  a: lodash:merge\n", "AIPERF_CLASS_PATH_INVALID", /must start with "\.\/" .*not a package name/, "3:6"],
  ["cp-backslashes", 'phase_hook:\n  a: ".\\\\..\\\\good\\\\h.js:Hook"\n', "AIPERF_CLASS_PATH_INVALID", /must start with "\.\/"/, "3:6"],
  ["config-outside", "phase_hook:\n  a: { class: ./h.js:Hook, config: ../x.js:C }\n", "AIPERF_CLASS_PATH_INVALID", /outside the plugin folder/, "3:36"],
  ["entry-number", "phase_hook:\n  a: 5\n", "AIPERF_REGISTRY_INVALID", /must be a class path/, "3:6"],
  ["entries-list", "phase_hook: [./h.js:Hook]\n", "AIPERF_REGISTRY_INVALID", /"phase_hook" must be a mapping of implementation names to entries/, "2:13"],
  ["entries-number", "phase_hook: 7\n", "AIPERF_REGISTRY_INVALID", /"phase_hook" must be a mapping of implementation names to entries/, "2:13"],
  ["class-missing", "phase_hook:\n  a: { priority: 1 }\n", "AIPERF_REGISTRY_INVALID", /"class" should not be empty/, "3:6"],
  [
    "unknown-entry-key",
    "phase_hook:\n  a: { class: ./h.js:Hook, bogus: 1 }\n",
    "AIPERF_REGISTRY_INVALID",
    /unknown key "bogus"\. Valid keys: auto_load, class, config/,
    "3:28",
  ],
  ["unknown-protocol", "bogus_protocol:\n  a: ./h.js:Hook\n", "AIPERF_UNKNOWN_PROTOCOL", /unknown protocol "bogus_protocol"\. Known protocols: /, "2:1"],
  ["bad-priority", "phase_hook:\n  a: { class: ./h.js:Hook, priority: high }\n", "AIPERF_REGISTRY_INVALID", /"priority" must be an integer number/, "3:38"],
  ["bad-tags", "phase_hook:\n  a: { class: ./h.js:Hook, tags: 5 }\n", "AIPERF_REGISTRY_INVALID", /"tags" must be an array/, "3:34"],
  [
    "bad-scope",
    "phase_hook:\n  a: { class: ./h.js:Hook, scope: forever }\n",
    "AIPERF_REGISTRY_INVALID",
    /"scope" must be one of the following values: singleton, transient/,
    "3:35",
  ],
  [
    "bad-auto-load",
    "phase_hook:\n  a: { class: ./h.js:Hook, auto_load: yes please }\n",
    "AIPERF_REGISTRY_INVALID",
    /"auto_load" must be a boolean value/,
    "3:39",
  ],
  ["bad-description", "phase_hook:\n  a: { class: ./h.js:Hook, description: [1] }\n", "AIPERF_REGISTRY_INVALID", /"description" must be a string/, "3:41"],
  ["duplicate-key", "phase_hook:\n  a: ./h.js:Hook\n  a: ./h.js:Hook\n", "AIPERF_REGISTRY_INVALID", /YAML syntax error: Map keys must be unique/, "4:3"],
  ["yaml-syntax", "phase_hook: [\n", "AIPERF_REGISTRY_INVALID", /YAML syntax error/],
  ["tab-indent", "phase_hook:\n\ta: ./h.js:Hook\n", "AIPERF_REGISTRY_INVALID", /YAML syntax error: Tabs are not allowed as indentation/, "3:1"],
  ["alias-bomb", `${bomb}\n`, "AIPERF_REGISTRY_INVALID", /resource exhaustion/],
  ["alias-cycle", "phase_hook:\n  a: &e { class: ./h.js:Hook, metadata: { self: *e } }\n", "AIPERF_REGISTRY_INVALID", /refers to a node that contains it/],
  ["proto-top", "__proto__:\n  a: ./h.js:Hook\n", "AIPERF_REGISTRY_INVALID", /key "__proto__" is not allowed in a registry/, "2:1"],
  ["constructor-top", "constructor: { a: ./h.js:Hook }\n", "AIPERF_REGISTRY_INVALID", /key "constructor" is not allowed in a registry/, "2:1"],
  ["proto-entry-name", "phase_hook:\n  __proto__: ./h.js:Hook\n", "AIPERF_REGISTRY_INVALID", /key "__proto__" is not allowed/, "3:3"],
  [
    "proto-metadata",
    "phase_hook:\n  a: { class: ./h.js:Hook, metadata: { __proto__: { polluted: 1 } } }\n",
    "AIPERF_REGISTRY_INVALID",
    /key "__proto__" is not allowed/,
    "3:40",
  ],
  [
    "prototype-deep",
    "phase_hook:\n  a: { class: ./h.js:Hook, metadata: { x: [ { prototype: 1 } ] } }\n",
    "AIPERF_REGISTRY_INVALID",
    /key "prototype" is not allowed/,
  ],
  ["proto-protocols", "protocols:\n  __proto__: { cardinality: one }\n", "AIPERF_REGISTRY_INVALID", /key "__proto__" is not allowed/, "3:3"],
  ["redefines-protocol", "protocols:\n  phase_hook: { cardinality: one, description: mine now }\n", "AIPERF_REGISTRY_INVALID", /phase_hook/],
  [
    "bad-cardinality",
    "protocols:\n  widget: { cardinality: lots, description: w }\n",
    "AIPERF_REGISTRY_INVALID",
    /"cardinality" must be one of the following values: one, many/,
  ],
  ["unmet-requires", "phase_hook:\n  a: ./h.js:Hook\n", "AIPERF_REQUIRES_UNSATISFIED", /requires aiperf >=99\.0\.0, but this is .*; it is skipped/],
  ["bad-semver", "", "AIPERF_REGISTRY_INVALID", /"version" must be a semver version/],
  ["bad-range", "", "AIPERF_REGISTRY_INVALID", /"requires" must be a semver range/],
];

/** The `plugin:` line of each folder (most just name it after the folder). */
const pluginLine: Record<string, string> = {
  "unmet-requires": 'plugin: { name: unmet-requires, requires: ">=99.0.0" }\n',
  "bad-semver": "plugin: { name: bad-semver, version: not.a.version }\n",
  "bad-range": 'plugin: { name: bad-range, requires: "><!!" }\n',
};

/** Registries whose whole shape is wrong, so the plugin has no name of its own. */
const shapes: [folder: string, content: string, message: RegExp][] = [
  ["root-list", "- a\n- b\n", /a registry must be a mapping of keys to values/],
  ["root-scalar", "just text\n", /a registry must be a mapping of keys to values/],
  ["empty", "", /a plugin registry needs "plugin: \{ name: \.\.\. \}"/],
  ["plugin-list", "plugin: [{ name: x }]\n", /"plugin" must be a mapping/],
  ["name-number", "plugin: { name: 42 }\n", /"name" must be a string/],
  ["name-empty", 'plugin: { name: "" }\n', /"name" should not be empty/],
  ["name-list", "plugin: { name: [a, b] }\n", /"name" must be a string/],
  ["huge", `plugin: { name: huge }\n# ${"x".repeat(1024 * 1024)}\n`, /is \d+ bytes; the limit is 1048576 \(1 MiB\)/],
  [
    "twin-b",
    "plugin: { name: twin }\nphase_hook:\n  tb: ./h.js:Hook\n",
    /plugin "twin" was already discovered at .*twin-a.registry\.yaml; this copy is ignored/,
  ],
];

/** package.json files of plugin folders and installed packages: each a coded problem of its plugin. */
const packages: [folder: string, json: string, message: RegExp][] = [
  ["pkg-name-number", '{ "name": 42 }', /package\.json "name" must be a non-empty string/],
  ["pkg-name-object", '{ "name": { "a": 1 } }', /package\.json "name" must be a non-empty string/],
  ["pkg-aiperf-string", '{ "name": "pkg-aiperf-string", "aiperf": "registry.yaml" }', /"aiperf"/],
  ["pkg-aiperf-number", '{ "name": "pkg-aiperf-number", "aiperf": 5 }', /"aiperf"/],
  ["pkg-aiperf-array", '{ "name": "pkg-aiperf-array", "aiperf": ["registry.yaml"] }', /"aiperf"/],
  ["pkg-registry-number", '{ "name": "pkg-registry-number", "aiperf": { "registry": 42 } }', /"aiperf\.registry" must be a file path/],
  ["pkg-registry-outside", '{ "name": "pkg-registry-outside", "aiperf": { "registry": "../good/registry.yaml" } }', /must stay inside the package folder/],
  [
    "pkg-registry-absolute",
    '{ "name": "pkg-registry-absolute", "aiperf": { "registry": "/etc/registry.yaml" } }',
    /must stay inside the package folder|absolute/,
  ],
  ["pkg-invalid-json", '{ "name": "pkg-invalid-json", ', /package\.json/],
];

const dir = tempDir("hostile-manifests");
let app: App<AppConfig>;
const byFolder = (folder: string) => app.registry.plugins().find((p) => path.basename(p.root) === folder);

beforeAll(async () => {
  const files: Record<string, string> = {
    "plugins/good/registry.yaml": "plugin: { name: good }\nphase_hook:\n  fine: ./h.js:Hook\n",
    "plugins/good/h.js": hook,
    "plugins/twin-a/registry.yaml": "plugin: { name: twin }\nphase_hook:\n  ta: ./h.js:Hook\n",
    "plugins/twin-a/h.js": hook,
    "plugins/linked/registry.yaml": "plugin: { name: linked }\nphase_hook:\n  linked: ./link.js:Hook\n",
    "plugins/dir-registry/registry.yaml/inside.txt": "a directory named registry.yaml\n",
    "plugins/pipe/.keep": "",
    "outside/h.js": hook,
    // JSON.parse makes "__proto__" an own key: only the fields discovery reads count, so this
    // plugin loads from its own registry and nothing is polluted.
    "plugins/pkg-proto/package.json": '{ "name": "pkg-proto", "__proto__": { "polluted": 1, "aiperf": { "registry": "../good/registry.yaml" } } }',
    "plugins/pkg-proto/registry.yaml": "phase_hook:\n  proto_ok: ./h.js:Hook\n",
    "plugins/pkg-proto/h.js": hook,
    "package.json": JSON.stringify({ name: "app", dependencies: { "ghost-dep": "1.0.0", "evil-dep": "1.0.0" } }),
    "node_modules/evil-dep/package.json": JSON.stringify({ name: "evil-dep", version: "1.0.0", aiperf: { registry: "../../plugins/good/registry.yaml" } }),
  };
  for (const [folder, yaml] of registries) {
    files[`plugins/${folder}/registry.yaml`] = `${pluginLine[folder] ?? `plugin: { name: ${folder} }\n`}${yaml}`;
    files[`plugins/${folder}/h.js`] = hook;
  }
  for (const [folder, content] of shapes) files[`plugins/${folder}/registry.yaml`] = content;
  for (const [folder, json] of packages) {
    files[`plugins/${folder}/package.json`] = json;
    files[`plugins/${folder}/registry.yaml`] = "phase_hook:\n  x: ./h.js:Hook\n";
  }
  writeFiles(dir, files);
  // A class path inside the folder that is a symlink to a module outside it.
  symlinkSync(path.join(dir, "outside", "h.js"), path.join(dir, "plugins", "linked", "link.js"));
  execFileSync("mkfifo", [path.join(dir, "plugins", "pipe", "registry.yaml")]);
  app = await appFor(dir);
});
afterAll(async () => {
  await app?.dispose();
  removeDir(dir);
});

describe("hostile registries: each is reported with its code and location and skipped; the rest load", () => {
  it.each(registries)("%s", (folder, _, code, message, at) => {
    const plugin = byFolder(folder);
    expect(plugin?.skipped, folder).toBe(true);
    const problem = plugin?.problems.find((p) => p.code === code && message.test(p.message));
    expect(problem, JSON.stringify(plugin?.problems)).toBeDefined();
    expect(problem?.location?.file).toBe(path.join(dir, "plugins", folder, "registry.yaml"));
    if (at) expect(`${problem?.location?.line}:${problem?.location?.col}`).toBe(at);
  });

  it.each(shapes)("%s", (folder, _, message) => {
    const plugin = byFolder(folder);
    expect(plugin?.skipped).toBe(true);
    expect(plugin?.problems.map((p) => p.message)).toContainEqual(expect.stringMatching(message));
  });

  it.each(packages)("%s", (folder, _, message) => {
    const plugin = byFolder(folder);
    expect(plugin?.skipped, JSON.stringify(plugin)).toBe(true);
    expect(plugin?.problems.map((p) => p.message)).toContainEqual(expect.stringMatching(message));
  });

  it("a package.json with a __proto__ key is read for its own fields only", () => {
    expect(byFolder("pkg-proto")).toMatchObject({ name: "pkg-proto", skipped: false, problems: [] });
    expect(app.registry.list("phase_hook").find((e) => e.name === "proto_ok")).toBeDefined();
  });

  it("a FIFO named registry.yaml is not read (no hang)", () => {
    expect(byFolder("pipe")?.problems[0]?.message).toMatch(/registry not read: .*is not a regular file/);
  });

  it("a directory named registry.yaml is reported, not silently ignored", () => {
    expect(byFolder("dir-registry")?.skipped).toBe(true);
    expect(byFolder("dir-registry")?.problems[0]?.message).toMatch(/registry not read: .*dir-registry.registry\.yaml is not a regular file/);
  });

  it("an installed package whose registry points outside it is reported", () => {
    const evil = app.registry.plugins().find((p) => p.name === "evil-dep");
    expect(evil?.problems[0]?.message).toMatch(/must stay inside the package folder/);
  });

  it("a dependency that is not installed is not a plugin and does not stop discovery", () => {
    expect(app.registry.plugins().find((p) => p.name === "ghost-dep" || p.root.endsWith("ghost-dep"))).toBeUndefined();
    expect(byFolder("good")?.skipped).toBe(false);
  });

  it("only the good plugins' entries are registered, and nothing reached Object.prototype", () => {
    expect(
      app.registry
        .list("phase_hook")
        .map((e) => e.name)
        .sort(),
    ).toEqual(["fine", "linked", "proto_ok", "ta"]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("a class path that is a symlink to a module outside the plugin folder is refused when loaded", async () => {
    await expect(app.get(PhaseHook, "linked")).rejects.toMatchObject({
      code: "AIPERF_PLUGIN_LOAD_FAILED",
      message: expect.stringMatching(/is a symlink to .*outside.h\.js, outside the plugin folder .*; refused/),
    });
  });

  it("a run with every hostile plugin present completes with the good ones and no stack trace", async () => {
    const run = await cliIn(dir, { "c.yaml": `${QUICK}plugins: { phase_hooks: [fine] }\n` }, ["profile", "-c", "c.yaml"]);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.exported["profile_export.json"] ?? "{}").phases[0].completed).toBe(2);
    expectClean(run);
  });

  it("plugins validate lists every problem with a code and exits 1, no stack trace", async () => {
    const run = await cliIn(dir, {}, ["plugins", "validate", "--json"]);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as { path: string; problems: { code: string }[] }[];
    for (const entry of report) for (const problem of entry.problems) expect(problem.code).toMatch(/^AIPERF_[A-Z_]+$/);
    expectClean(run);
  });
});
