import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../helpers/fixtures.js";
import { importSites, violation } from "./importRule.js";

const kernelDir = path.join(repoRoot, "src", "kernel");
const pkg = JSON.parse(readFileSync(path.join(repoRoot, "package.json"), "utf8")) as {
  dependencies: Record<string, string>;
  peerDependencies?: Record<string, string>;
};
// Peer dependencies (inversify, reflect-metadata) are the host's copies: the kernel may import them.
const dependencies = new Set([...Object.keys(pkg.dependencies), ...Object.keys(pkg.peerDependencies ?? {})]);

function kernelFiles(): string[] {
  return readdirSync(kernelDir, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".ts"))
    .map((f) => path.join(kernelDir, f))
    .sort();
}

/** Every broken rule in `text`, as `file:line specifier: reason`. */
function violations(file: string, text: string): string[] {
  const found: string[] = [];
  for (const site of importSites(file, text)) {
    const why = violation(file, site.specifier, kernelDir, dependencies);
    if (why) found.push(`${path.relative(repoRoot, file)}:${site.line} "${site.specifier}" ${why}`);
  }
  return found;
}

describe("the kernel depends only on itself, Node and its npm dependencies", () => {
  it("no file under src/kernel imports the profiler, modules/, the aiperf package or a dev dependency", () => {
    const files = kernelFiles();
    expect(files.length).toBeGreaterThan(40);
    const found = files.flatMap((file) => violations(file, readFileSync(file, "utf8")));
    expect(found).toEqual([]);
  });

  it("catches every way a kernel file could reach outside", () => {
    const file = path.join(kernelDir, "app", "example.ts");
    const text = [
      'import { x } from "../../profiler/config/AppConfig.js";',
      'import type { Y } from "../../../modules/endpoints/OpenAIChatEndpoint.js";',
      'export * from "../../index.js";',
      'import "aiperf";',
      'const t = await import("aiperf/testing");',
      'type S = typeof import("openai");',
      'import z = require("/abs/file.js");',
      'const w = require("#internal");',
      'import ok from "./App.js";',
      'import alsoOk from "../config/KernelConfig.js";',
      'import { readFileSync } from "node:fs";',
      'import path from "path";',
      'import { Container } from "inversify";',
      'import semver from "semver/functions/satisfies.js";',
      "const plugin = await import(url.href);",
    ].join("\n");
    const found = violations(file, text);
    expect(found.map((v) => v.split(" ")[0])).toEqual([1, 2, 3, 4, 5, 6, 7, 8].map((line) => `src/kernel/app/example.ts:${line}`));
    expect(found[3]).toContain("imports the framework's own package");
    expect(found[5]).toContain('"openai" is not in package.json dependencies');
  });
});
