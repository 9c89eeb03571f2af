import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { PhaseHook } from "aiperf";
import { afterAll, describe, expect, it } from "vitest";
import { removeDir, sentinelModule, tempDir, writeFiles } from "../helpers/fixtures.js";
import { appFor } from "../helpers/silentApp.js";

const dir = tempDir("lazy");
const sentinel = path.join(dir, "imported.txt");
for (let i = 0; i < 50; i++) {
  const entries = Array.from({ length: 3 }, (_, j) => `  hook_${i}_${j}:\n    class: ./hooks.js:Hook\n    description: generated ${i}/${j}\n`).join("");
  writeFiles(path.join(dir, "plugins", `p${i}`), {
    "registry.yaml": `plugin:\n  name: p${i}\n  version: 1.0.0\nphase_hook:\n${entries}`,
    "hooks.js": sentinelModule(sentinel, `p${i}`),
  });
}

describe("discovery is lazy", () => {
  afterAll(() => removeDir(dir));

  it("lists 50 plugins' implementations without importing any of them", async () => {
    const app = await appFor(dir);
    expect(app.registry.plugins()).toHaveLength(50);
    expect(app.registry.list("phase_hook")).toHaveLength(150);
    expect(app.registry.problems()).toEqual([]);
    expect(existsSync(sentinel)).toBe(false);
    await app.dispose();
  });

  it("imports exactly the one module that is resolved", async () => {
    const app = await appFor(dir);
    const hook = await app.get(PhaseHook, "hook_17_2");
    expect(typeof hook.onPhaseStart).toBe("function");
    expect(readFileSync(sentinel, "utf8")).toBe("p17\n");
    await app.dispose();
  });
});
