import { spawn } from "node:child_process";
import { readdirSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { aiperfBin } from "../helpers/cli.js";
import { removeDir, tempDir } from "../helpers/fixtures.js";

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) removeDir(dir);
});

const FAST = [
  "--requests",
  "20",
  "--set",
  "endpoint.mock.ttft_ms=0",
  "--set",
  "endpoint.mock.itl_ms=0",
  "--set",
  "endpoint.mock.output_tokens=2",
  "--ui",
  "none",
];

/**
 * Runs `aiperf profile` with the reading end of its stdout (and stderr, with `both`) closed, as
 * `aiperf profile | head -1` leaves it once head has its line; resolves with the exit code,
 * stderr and the exports written.
 */
function profileIntoClosedPipe(both: boolean): Promise<{ code: number | null; exports: string[]; stderr: string }> {
  const dir = tempDir("closed-pipe");
  dirs.push(dir);
  const child = spawn(process.execPath, [aiperfBin, "profile", ...FAST], { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
  // Closed before the child writes anything there: its first write meets the broken pipe.
  child.stdout.destroy();
  if (both) child.stderr.destroy();
  let stderr = "";
  if (!both) child.stderr.on("data", (d) => (stderr += d));
  return new Promise((resolve) => child.on("close", (code) => resolve({ code, stderr, exports: readdirSync(path.join(dir, "artifacts", "latest")).sort() })));
}

describe("a reader that goes away (`aiperf profile | head`) ends the printing, not the run", () => {
  it("stdout closed: the run finishes, writes every export and exits 0 (it crashed with an EPIPE stack trace)", async () => {
    const run = await profileIntoClosedPipe(false);
    expect(run.code, run.stderr).toBe(0);
    // Neither a crash nor a "contained" uncaught error: the closed pipe is expected, not a fault.
    expect(run.stderr).not.toContain("EPIPE");
    expect(run.exports).toContain("profile_export.json");
    expect(run.exports).toContain("profile_records.jsonl");
  });

  it("stdout and stderr closed: the run still ends, with its exports (it spun forever logging its own write errors)", async () => {
    const run = await profileIntoClosedPipe(true);
    expect(run.code).toBe(0);
    expect(run.exports).toContain("profile_export.json");
  });
});
