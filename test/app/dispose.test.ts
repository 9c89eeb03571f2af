import { readFileSync } from "node:fs";
import path from "node:path";
import { PhaseHook } from "aiperf";
import { afterAll, describe, expect, it } from "vitest";
import { removeDir, tempDir, writeFiles } from "../helpers/fixtures.js";
import { appFor } from "../helpers/silentApp.js";

const dir = tempDir("dispose");
const log = path.join(dir, "log.txt");
writeFiles(path.join(dir, "plugins", "p"), {
  "registry.yaml": `plugin: { name: p }
phase_hook:
  first: { class: ./hooks.js:First }
  second: { class: ./hooks.js:Second }
  third: { class: ./hooks.js:Third }
`,
  "hooks.js": `import { appendFileSync } from "node:fs";
import { postConstruct, preDestroy } from "aiperf";
const write = (line) => appendFileSync(${JSON.stringify(log)}, line + "\\n");
function make(name, fails) {
  class Hook {
    async init() { await new Promise((r) => setTimeout(r, 5)); write("init " + name); }
    async close() {
      await new Promise((r) => setTimeout(r, 5));
      write("destroy " + name);
      if (fails) throw new Error(name + " failed to close");
    }
    async onPhaseStart() {}
  }
  postConstruct()(Hook.prototype, "init");
  preDestroy()(Hook.prototype, "close");
  return Hook;
}
export const First = make("first", false);
export const Second = make("second", true);
export const Third = make("third", false);
`,
});

describe("dispose", () => {
  afterAll(() => removeDir(dir));

  it("runs every @preDestroy in reverse creation order, even when one throws, then reports the failure", async () => {
    const app = await appFor(dir, { config: { plugins: { phase_hooks: ["second", "first", "third"] } } });
    await app.get(PhaseHook, "first");
    await app.get(PhaseHook, "second");
    await app.get(PhaseHook, "third");
    const error = await app.dispose().catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "AIPERF_DISPOSE_FAILED" });
    expect((error as Error).message).toContain("second failed to close");
    expect(readFileSync(log, "utf8").trim().split("\n")).toEqual([
      "init first",
      "init second",
      "init third",
      "destroy third",
      "destroy second",
      "destroy first",
    ]);
    await expect(app.get(PhaseHook, "first")).rejects.toMatchObject({ code: "AIPERF_USAGE" });
  });
});
