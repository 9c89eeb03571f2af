import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { aiperfBin, runCli } from "../helpers/cli.js";
import { repoRoot } from "../helpers/fixtures.js";
import { scratch } from "../helpers/scratch.js";
import { writeSyntheticRun } from "./syntheticRun.js";

const s = scratch();

describe("aiperf plot and sweeps on the command line", () => {
  it("plot writes report.html and the SVGs into --output and says where", async () => {
    const run = s.dir("plot-run");
    writeSyntheticRun(run, { requests: 30, failEvery: 7 });
    const out = path.join(s.dir("plot-out"), "report");
    const result = await runCli(["plot", run, "--output", out]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/Report\s+.*report\.html \(1 run, 9 charts/);
    expect(existsSync(path.join(out, "report.html"))).toBe(true);
    expect(existsSync(path.join(out, "errors.svg"))).toBe(true);
  });

  it("a sweep whose runs fail a --threshold exits 3, as one run does, and says which", async () => {
    const out = s.dir("threshold-sweep");
    // No request answers in under a nanosecond: the threshold fails in every run, whatever the machine.
    const args = ["profile", "--concurrency", "1,2", "--requests", "4", "--set", "phases.warmup.requests=0", "--ui", "none"];
    const result = await runCli([...args, "--threshold", "p50(request_latency)<0.000001", "--output", out]);
    expect(result.code, result.stderr).toBe(3);
    expect(result.stderr).toContain("threshold failed: p50(request_latency)<0.000001");
    expect(existsSync(path.join(out, "report.html"))).toBe(true);
  }, 120_000);

  it("a folder that is no run is a usage error naming it, without a stack trace", async () => {
    const empty = s.dir("not-a-run");
    const result = await runCli(["plot", empty]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("error AIPERF_USAGE");
    expect(result.stderr).toContain(empty);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it.each([
    [["--concurrency", "1,x"], "--concurrency expects whole numbers"],
    [["--concurrency", "1,2.5"], "--concurrency expects whole numbers"],
    [["--request-rate", "10,0"], "--request-rate expects numbers above 0"],
    [["--concurrency", "1,1"], "listed twice"],
    [["--concurrency", "1,2", "--request-rate", "5,10"], "sweep one flag at a time"],
  ])("profile %j is a usage error before anything runs", async (args, message) => {
    const out = s.dir("bad-sweep");
    const result = await runCli(["profile", ...args, "--output", out, "--ui", "none"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("error AIPERF_USAGE");
    expect(result.stderr).toContain(message);
  });

  it("Ctrl-C during a sweep stops it (no later run starts) and still writes the comparison of what completed", async () => {
    const out = s.dir("sweep-int");
    const child = spawn(
      process.execPath,
      [aiperfBin, "profile", "--concurrency", "1,2,4", "--requests", "40", "--set", "phases.warmup.requests=2", "--ui", "none", "--quiet", "--output", out],
      { cwd: repoRoot, stdio: ["ignore", "pipe", "pipe"] },
    );
    let stderr = "";
    let sent = false;
    child.stdout.resume();
    child.stderr.on("data", (d) => {
      stderr += d;
      // The second run has begun: interrupt it, as a user pressing Ctrl-C would.
      if (!sent && stderr.includes("sweep 2/3")) {
        sent = true;
        child.kill("SIGINT");
      }
    });
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    expect(sent, stderr).toBe(true);
    expect(code, stderr).toBe(130);
    expect(existsSync(path.join(out, "concurrency_4")), "the third run must not start").toBe(false);
    const html = readFileSync(path.join(out, "report.html"), "utf8");
    const data = JSON.parse(/id="report-data">(.*?)<\/script>/s.exec(html)?.[1] ?? "null") as { runs: { label: string }[] };
    // The first run completed; the second is in only when the signal came before it began measuring.
    expect(data.runs[0]?.label).toBe("concurrency 1");
    expect(data.runs.length).toBeLessThanOrEqual(2);
  });
});
