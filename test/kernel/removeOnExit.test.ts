import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { repoRoot } from "../helpers/fixtures.js";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Runs `body` (an ES module) in a child node with `dir` as argv[1]. */
function childRun(body: string, dir: string) {
  return spawnSync(process.execPath, ["--input-type=module", "-e", body, dir], { cwd: repoRoot, encoding: "utf8" });
}

describe("a file being written when the process quits at once is not left behind", () => {
  it("writeLinesAtomic: the records export's temp file is removed by a process.exit mid-write (a second Ctrl-C)", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "aiperf-exit-"));
    dirs.push(dir);
    const writer = pathToFileURL(path.join(repoRoot, "dist", "modules", "exporters", "writeLinesAtomic.js")).href;
    const { status } = childRun(
      `import { writeLinesAtomic } from ${JSON.stringify(writer)};
async function* pieces() { yield "a\\n".repeat(100000); process.exit(7); }
await writeLinesAtomic(process.argv[1] + "/profile_records.jsonl", pieces());`,
      dir,
    );
    expect(status).toBe(7);
    expect(readdirSync(dir)).toEqual([]);
  });

  it("removeOnExit: removes on exit until it is called, then leaves the file alone", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "aiperf-exit-"));
    dirs.push(dir);
    const { status } = childRun(
      `import { writeFileSync } from "node:fs";
import { removeOnExit } from "aiperf";
const dir = process.argv[1];
writeFileSync(dir + "/gone.tmp", "x");
removeOnExit(dir + "/gone.tmp");
writeFileSync(dir + "/kept.json", "{}");
removeOnExit(dir + "/kept.json")();
process.exit(0);`,
      dir,
    );
    expect(status).toBe(0);
    expect(readdirSync(dir)).toEqual(["kept.json"]);
  });

  it("many files at once: every one removed at exit, and no warning about too many exit listeners", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "aiperf-exit-"));
    dirs.push(dir);
    const run = childRun(
      `import { writeFileSync } from "node:fs";
import { removeOnExit } from "aiperf";
const dir = process.argv[1];
const before = process.listenerCount("exit");
for (let i = 0; i < 30; i++) { writeFileSync(dir + "/t" + i + ".tmp", "x"); removeOnExit(dir + "/t" + i + ".tmp"); }
writeFileSync(dir + "/kept.json", "{}");
removeOnExit(dir + "/kept.json")();
console.log("exit listeners added: " + (process.listenerCount("exit") - before));
// A warning is emitted on a later tick: let it out before exiting.
await new Promise((resolve) => setImmediate(resolve));
process.exit(0);`,
      dir,
    );
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("exit listeners added: 1\n");
    expect(run.stderr).not.toContain("MaxListenersExceededWarning");
    expect(readdirSync(dir)).toEqual(["kept.json"]);
  });
});
