import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../helpers/fixtures.js";

/** Every source, doc and config file the repository ships or tests with. */
function files(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (name === "node_modules" || name === "dist" || name === "generated" || name.startsWith(".")) continue;
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) files(full, out);
    else if (/\.(ts|js|md|ya?ml)$/.test(name)) out.push(full);
  }
  return out;
}

describe("the design lives in the repository", () => {
  it("no file points at a design document outside it", () => {
    const roots = ["src", "modules", "test", "docs", "bench", "scripts", "config", "plugins", "README.md", "registry.yaml"].map((p) => path.join(repoRoot, p));
    const offenders: string[] = [];
    for (const root of roots) {
      for (const file of statSync(root).isDirectory() ? files(root) : [root]) {
        if (file === __filename.replace(/\.js$/, ".ts") || file.endsWith("designLivesInRepo.test.ts")) continue;
        const text = readFileSync(file, "utf8");
        if (/DESIGN\.md|DESIGN §|\.\.\/shared\//.test(text)) offenders.push(path.relative(repoRoot, file));
      }
    }
    expect(offenders).toEqual([]);
  });

  it("docs/architecture.md exists and states the dependency rule", () => {
    const text = readFileSync(path.join(repoRoot, "docs", "architecture.md"), "utf8");
    expect(text).toContain("The dependency rule");
    expect(text).toContain("src/kernel/");
  });
});
