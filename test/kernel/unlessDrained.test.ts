import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../helpers/fixtures.js";

/** Runs `body` (an ES module importing `unlessDrained` from "aiperf") in a child node: its stdout and exit status. */
function child(body: string) {
  const run = spawnSync(process.execPath, ["--input-type=module", "-e", `import { unlessDrained } from "aiperf";\n${body}`], {
    cwd: repoRoot,
    encoding: "utf8",
  });
  return { status: run.status, out: run.stdout.trim().split("\n") };
}

describe("a promise nothing can settle any more fails instead of ending the process silently (exit 13)", () => {
  it("rejects with its message once the event loop runs out of work", () => {
    const run = child(`try { await unlessDrained(new Promise(() => {}), "never settles"); } catch (e) { console.log("caught: " + e.message); }
console.log("went on");`);
    expect(run.status).toBe(0);
    expect(run.out).toEqual(["caught: never settles", "went on"]);
  });

  it("settles as the work does while other work keeps the process alive", () => {
    const run = child(`const value = await unlessDrained(new Promise((resolve) => setTimeout(() => resolve(42), 1)), "never settles");
console.log("value " + value);`);
    expect(run.out).toEqual(["value 42"]);
  });

  it("a last-resort guard lets an inner one fail its step first, and stays quiet while the rest goes on", () => {
    const run = child(`import { readFile } from "node:fs/promises";
async function job() {
  try { await unlessDrained(new Promise(() => {}), "inner"); } catch (e) { console.log("inner failed: " + e.message); }
  await readFile(process.execPath).then(() => console.log("the rest went on"));
  return "done";
}
try { console.log(await unlessDrained(job(), "outer", { lastResort: true })); } catch (e) { console.log("outer failed: " + e.message); }`);
    expect(run.out).toEqual(["inner failed: inner", "the rest went on", "done"]);
  });

  it("a last-resort guard fails when nothing inner could", () => {
    const run = child(
      `try { await unlessDrained(new Promise(() => {}), "outer", { lastResort: true }); } catch (e) { console.log("outer failed: " + e.message); }`,
    );
    expect(run.out).toEqual(["outer failed: outer"]);
  });
});
