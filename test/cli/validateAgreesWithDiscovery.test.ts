import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { discoverPlugins } from "../../src/kernel/discovery/discoverPlugins.js";
import { formatLocation } from "../../src/kernel/errors/AiperfError.js";
import type { Registry } from "../../src/kernel/registry/Registry.js";
import { profilerHost } from "../../src/profiler/profilerHost.js";
import { runCli } from "../helpers/cli.js";
import { removeDir, tempDir, writeFiles } from "../helpers/fixtures.js";

const hook = "export class Hook { async onPhaseStart() {} }\n";
const notifierUse = "notifier:\n  mail: ./h.js:Hook\n";

/** Bad plugins (and a few good ones whose goodness depends on the others), by folder. */
const fixtures: Record<string, string> = {
  "a-syntax/registry.yaml": "plugin: { name: syntax }\nphase_hook:\n  x: a: b\n",
  "b-unknown/registry.yaml": "plugin: { name: unknown }\nphase_hok:\n  x: ./h.js:Hook\n",
  "c-escape/registry.yaml": "plugin: { name: escape }\nphase_hook:\n  x: { class: ../k-export/h.js:Hook }\n",
  "d-requires/registry.yaml": "plugin: { name: requires, requires: '>=2.0.0' }\nphase_hook:\n  x: ./h.js:Hook\n",
  "e-twin/registry.yaml": "plugin: { name: twin }\nphase_hook:\n  t1: ./h.js:Hook\n",
  "e-twin-copy/registry.yaml": "plugin: { name: Twin }\nphase_hook:\n  t2: ./h.js:Hook\n",
  "f-user/registry.yaml": `plugin: { name: user }\n${notifierUse}`,
  "g-definer/registry.yaml": `plugin: { name: definer }\nprotocols:\n  notifier: { description: Sends, cardinality: many }\n${notifierUse}`,
  "h-redefine-host/registry.yaml": "plugin: { name: redefine-host }\nprotocols:\n  endpoint: { description: Mine, cardinality: one }\n",
  "i-redefine-plugin/registry.yaml": "plugin: { name: redefine-plugin }\nprotocols:\n  Notifier: { description: Again, cardinality: many }\n",
  "j-noname/registry.yaml": "phase_hook:\n  x: ./h.js:Hook\n",
  "k-export/registry.yaml": "plugin: { name: export }\nphase_hook:\n  x: ./h.js:Hok\n",
  "l-pkgname/registry.yaml": "phase_hook:\n  x: ./h.js:Hook\n",
  "l-pkgname/package.json": '{ "name": 42 }',
  "m-number/registry.yaml": "plugin: { name: number }\nphase_hook:\n  x: 5\n",
};
/** What discovery must find in each (so that agreeing is not agreeing on nothing). */
const expected: Record<string, string[]> = {
  "a-syntax": ["error AIPERF_REGISTRY_INVALID"],
  "b-unknown": ["error AIPERF_UNKNOWN_PROTOCOL"],
  "c-escape": ["error AIPERF_CLASS_PATH_INVALID"],
  "d-requires": ["warning AIPERF_REQUIRES_UNSATISFIED"],
  "e-twin": [],
  "e-twin-copy": ["error AIPERF_PLUGIN_DUPLICATE"],
  "f-user": [],
  "g-definer": [],
  "h-redefine-host": ["error AIPERF_REGISTRY_INVALID"],
  "i-redefine-plugin": ["error AIPERF_REGISTRY_INVALID"],
  "j-noname": ["error AIPERF_REGISTRY_INVALID"],
  "k-export": [],
  "l-pkgname": ["error AIPERF_REGISTRY_INVALID"],
  "m-number": ["error AIPERF_REGISTRY_INVALID"],
};

interface Reported {
  location: string;
  code: string;
  severity: string;
  message: string;
}

const dir = tempDir("agree");
const files: Record<string, string> = {};
for (const [file, text] of Object.entries(fixtures)) {
  files[`plugins/${file}`] = text;
  files[`plugins/${path.dirname(file)}/h.js`] = hook;
  files[`outside/${file}`] = text;
  files[`outside/${path.dirname(file)}/h.js`] = hook;
}
writeFiles(dir, files);

function recorded(registry: Registry, root: string): Reported[] {
  const plugin = registry.plugins().find((p) => p.root === root);
  if (!plugin) throw new Error(`discovery did not find ${root}`);
  return plugin.problems.map((p) => ({ location: formatLocation(p.location), code: p.code, severity: p.severity, message: p.message }));
}

/** Validate's problems for a plugin are discovery's, in the same order, then only its filesystem checks. */
function expectAgreement(validated: { path: string; problems: Reported[] }[], registry: Registry): void {
  for (const { path: root, problems } of validated) {
    const fromDiscovery = recorded(registry, root);
    expect(problems.slice(0, fromDiscovery.length), root).toEqual(fromDiscovery);
    for (const extra of problems.slice(fromDiscovery.length)) expect(extra.code, root).toBe("AIPERF_PLUGIN_LOAD_FAILED");
    const folder = path.basename(root);
    expect(
      fromDiscovery.map((p) => `${p.severity} ${p.code}`),
      folder,
    ).toEqual(expected[folder]);
  }
}

describe("plugins validate and discovery", () => {
  afterAll(() => removeDir(dir));

  it("report the same problems, codes, severities and locations for every discovered plugin", async () => {
    const registry = await discoverPlugins({ root: dir, ...profilerHost() });
    const run = await runCli(["plugins", "validate", "--json"], { cwd: dir });
    expect(run.code).toBe(1);
    const validated = JSON.parse(run.stdout) as { path: string; problems: Reported[] }[];
    expect(validated.map((v) => path.basename(v.path)).sort()).toEqual(Object.keys(expected).sort());
    expectAgreement(validated, registry);
    const exportOnly = validated.find((v) => v.path.endsWith("k-export"));
    expect(exportOnly?.problems.map((p) => p.message)).toEqual([expect.stringMatching(/class "Hok" is not exported .*Did you mean "Hook"\?/)]);
  });

  it("report the same for plugins given as paths, checked as if config plugins.paths listed them", async () => {
    // outside/ holds the plugins but is an app with none of its own.
    const app = path.join(dir, "outside");
    const targets = Object.keys(expected).sort();
    const registry = await discoverPlugins({ root: app, paths: targets, ...profilerHost() });
    const run = await runCli(["plugins", "validate", "--json", ...targets], { cwd: app });
    expect(run.code).toBe(1);
    expectAgreement(JSON.parse(run.stdout), registry);
  });

  it("exit 1 on a plugin whose only problem is the warning that discovery skips it", async () => {
    const run = await runCli(["plugins", "validate", "plugins/d-requires"], { cwd: dir });
    expect(run.stdout).toMatch(
      /AIPERF_REQUIRES_UNSATISFIED {2}plugin "requires" requires aiperf >=2\.0\.0, but this is .*; it is skipped\n1 plugin\(s\) checked: 1 problem\(s\)\n$/,
    );
    expect(run.code).toBe(1);
  });
});
