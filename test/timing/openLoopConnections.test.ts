import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { aiperfBin } from "../helpers/cli.js";
import { removeDir, repoRoot, tempDir } from "../helpers/fixtures.js";
import { holdingServer } from "../helpers/holdingServer.js";

const dir = tempDir("open-loop");

/** Runs `aiperf profile`, calling `onSendingDone` once the profiling phase has issued its last request. */
function profile(args: readonly string[], onSendingDone: () => void): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [aiperfBin, "profile", ...args], { cwd: repoRoot, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    let told = false;
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => {
      stderr += d;
      if (!told && stderr.includes("phase profiling sending complete")) {
        told = true;
        onSendingDone();
      }
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * 12 requests at 500 req/s against a server that answers nothing until every request has been
 * issued, with `cap` connections: what the server saw at once, the run, and its folder.
 */
async function heldOpenLoop(name: string, cap: number, extra: readonly string[] = []) {
  const server = await holdingServer();
  try {
    const out = path.join(dir, name);
    const args = ["--url", server.url, "--request-rate", "500", "--requests", "12", "--no-streaming", "--ui", "none", "--output", out, ...extra];
    const settings = ["phases.warmup.requests=0", `endpoint.max_connections=${cap}`, "output.flat=true"];
    const run = await profile([...args, ...settings.flatMap((s) => ["--set", s])], () => server.open());
    return { run, out, serverMaxInFlight: server.maxInFlight, summary: run.stdout.replace(/\s+/g, " ") };
  } finally {
    await server.stop();
  }
}

describe("an open request-rate loop that outgrows its connections", () => {
  afterAll(() => removeDir(dir));

  it("is said to have queued in the client: the most in flight, the connection cap, and how to raise it", async () => {
    const { run, out, serverMaxInFlight, summary } = await heldOpenLoop("run", 2);
    expect(run.code).toBe(0);
    expect(serverMaxInFlight).toBeLessThanOrEqual(2);
    const exported = JSON.parse(readFileSync(path.join(out, "profile_export.json"), "utf8"));
    expect(exported.connectionSetup).toMatchObject({ maxConnections: 2, openLoop: true });
    expect(exported.metrics.find((m: { tag: string }) => m.tag === "max_in_flight")?.avg).toBe(12);
    expect(summary).toContain("The open loop needed up to 12 requests in flight, but it opens at most 2 connections (endpoint.max_connections)");
    expect(summary).toContain("Raise endpoint.max_connections");
    // Said once, by its cause: not also as a generic queueing-delay warning.
    expect(summary).not.toContain("Client queueing delay p50 is");
    expect(summary).not.toContain("Most requests in flight");
  });

  it("split over worker threads, the connection cap stays the run's total (it was rounded up for each worker)", async () => {
    const { run, serverMaxInFlight, summary } = await heldOpenLoop("threads", 3, ["--workers", "2", "--set", "service_manager.type=threads"]);
    expect(run.code, run.stderr).toBe(0);
    expect(serverMaxInFlight).toBeLessThanOrEqual(3);
    expect(summary).toContain("it opens at most 3 connections");
  });
});
