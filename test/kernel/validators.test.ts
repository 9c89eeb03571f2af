import { spawnSync } from "node:child_process";
import path from "node:path";
import { validateClass } from "aiperf";
import { IsIn, IsInt, IsOptional, Max, Min } from "aiperf/validators";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../helpers/fixtures.js";

class Knobs {
  workers = 1;
  mode: string | undefined = undefined;
}
IsInt()(Knobs.prototype, "workers");
Min(1)(Knobs.prototype, "workers");
Max(64)(Knobs.prototype, "workers");
IsOptional()(Knobs.prototype, "mode");
IsIn(["fast", "exact"])(Knobs.prototype, "mode");

/** Runs `code` as an ES module in a fresh Node from the repository root; returns its stdout. */
function node(code: string): string {
  const result = spawnSync(process.execPath, ["--input-type=module", "-e", code], { cwd: repoRoot, encoding: "utf8" });
  expect(result.stderr).toBe("");
  return result.stdout.trim();
}

describe("aiperf/validators (class-validator's decorators, each loaded from its own file)", () => {
  it("validates a config class as class-validator itself does", () => {
    expect(validateClass(Knobs, { workers: 4, mode: "fast" }).issues).toEqual([]);
    const { issues } = validateClass(Knobs, { workers: 0, mode: "quick" });
    expect(issues.map((i) => i.path.join("."))).toEqual(["workers", "mode"]);
    expect(issues[0]?.message).toContain("must not be less than 1");
    expect(issues[1]?.message).toContain("must be one of the following values: fast, exact");
  });

  it("a value that is no number is told so once, without the bounds it cannot be compared with", () => {
    const { issues } = validateClass(Knobs, { workers: "abc" });
    expect(issues.map((i) => i.message)).toEqual(['"workers" must be an integer number']);
    expect(validateClass(Knobs, { workers: 65 }).issues.map((i) => i.message)).toEqual(['"workers" must not be greater than 64']);
  });

  it("shares one metadata store with a plugin that imports class-validator itself", () => {
    const out = node(`
      import { IsString } from "class-validator";
      import { validateClass } from "aiperf";
      class C { name = 1; }
      IsString()(C.prototype, "name");
      console.log(validateClass(C, { name: 3 }).issues.map((i) => i.message).join());
    `);
    expect(out).toContain("must be a string");
  });

  it("creating an app and validating its config never loads class-validator's index (321 files at start-up)", () => {
    const out = node(
      `
      import { createRequire } from "node:module";
      import { createApp } from "aiperf/kernel";
      const app = await createApp({ protocols: [], root: ${JSON.stringify(path.join(repoRoot, "test", "embedding", "notify-service"))}, config: {} });
      await app.dispose();
      const loaded = Object.keys(createRequire(import.meta.url).cache);
      console.log(loaded.some((f) => f.endsWith(path.join("class-validator", "cjs", "index.js"))), loaded.some((f) => f.includes("libphonenumber")));
    `.replace('path.join("class-validator", "cjs", "index.js")', JSON.stringify(path.join("class-validator", "cjs", "index.js"))),
    );
    expect(out).toBe("false false");
  });

  it("is generated from the installed class-validator (an upgrade that adds a decorator fails here)", () => {
    const result = spawnSync(process.execPath, [path.join(repoRoot, "scripts", "write-validators.js"), "--check"], { encoding: "utf8" });
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
  });
});
