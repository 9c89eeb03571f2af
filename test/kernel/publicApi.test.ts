import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../helpers/fixtures.js";

const BARRELS = ["src/kernel/index.ts", "src/kernel/testing.ts", "src/index.ts", "src/testing.ts"];

/** Every name a barrel exports, with whether its declaration's TSDoc marks it `@public` (or `@deprecated`). */
function exportsOf(): Map<string, { names: string[]; unmarked: string[] }> {
  const files = BARRELS.map((b) => path.join(repoRoot, b));
  const program = ts.createProgram(files, {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    experimentalDecorators: true,
    skipLibCheck: true,
    noEmit: true,
  });
  const checker = program.getTypeChecker();
  const out = new Map<string, { names: string[]; unmarked: string[] }>();
  for (const [i, file] of files.entries()) {
    const source = program.getSourceFile(file);
    const module = source && checker.getSymbolAtLocation(source);
    if (!module) throw new Error(`cannot read ${file}`);
    const names: string[] = [];
    const unmarked: string[] = [];
    for (const exported of checker.getExportsOfModule(module)) {
      names.push(exported.name);
      const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      const declarations = symbol.declarations ?? [];
      // Inversify's API is re-exported as is, documented by inversify.
      if (declarations.some((d) => d.getSourceFile().fileName.includes("node_modules"))) continue;
      const tags = declarations.flatMap((d) => ts.getJSDocTags(d).map((t) => t.tagName.text));
      if (!tags.includes("public") && !tags.includes("deprecated")) unmarked.push(exported.name);
    }
    out.set(BARRELS[i] as string, { names, unmarked });
  }
  return out;
}

describe("the public API", () => {
  const barrels = exportsOf();

  it("marks everything the barrels export @public in its TSDoc", () => {
    for (const [barrel, { unmarked }] of barrels) expect(unmarked, barrel).toEqual([]);
  });

  it("keeps internals out of the barrels", () => {
    const exported = new Set([...barrels.values()].flatMap((b) => b.names));
    for (const internal of [
      "PhaseSender",
      "ONE_SELECTIONS",
      "MANY_SELECTIONS",
      "ROUTED_SECTIONS",
      "cachedManifestReader",
      "plainManifestReader",
      "discoverPlugins",
      "parseRegistry",
      "BUILTIN_PROTOCOLS",
      "LazyImplementation",
    ]) {
      expect(exported.has(internal), internal).toBe(false);
    }
  });

  it("the kernel's barrel names nothing of the profiler", () => {
    const kernel = new Set(barrels.get("src/kernel/index.ts")?.names);
    for (const name of ["Endpoint", "PhaseHook", "AppConfig", "runProfile", "createProfilerApp", "CreditPhase"]) expect(kernel.has(name), name).toBe(false);
  });
});
