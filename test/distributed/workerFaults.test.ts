import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import type { RequestRecord } from "aiperf";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { removeDir, tempDir } from "../helpers/fixtures.js";
import { type HoldingServer, holdingServer } from "../helpers/holdingServer.js";
import { distributedConfig } from "./configFile.js";
import { isRunning, killAll, startController, startWorker } from "./harness.js";

const dirs: string[] = [];
let server: HoldingServer | undefined;

afterEach(async () => {
  await killAll();
  await server?.stop();
  server = undefined;
});
afterAll(() => {
  for (const d of dirs) removeDir(d);
});

/** A distributed run against a server that holds every request until the test lets it go. */
async function heldRun(name: string, workers: number, serviceManager: Record<string, unknown> = {}) {
  const dir = tempDir(name);
  dirs.push(dir);
  server = await holdingServer();
  const config = distributedConfig(dir, {
    endpoint: { url: server.url, streaming: true },
    phases: { warmup: { requests: 0 }, profiling: { requests: 12 } },
    service_manager: { workers, ...serviceManager },
  });
  const { proc, port } = await startController(config, dir);
  const procs = Array.from({ length: workers }, () => startWorker(port));
  return { dir, controller: proc, workers: procs, held: server };
}

function readRecords(dir: string): RequestRecord[] {
  return readFileSync(path.join(dir, "out", "profile_records.jsonl"), "utf8")
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line));
}

describe("distributed faults", () => {
  it("a worker killed mid-run (kill -9) fails only its in-flight requests, with a code; the run goes on", async () => {
    const { dir, controller, workers, held } = await heldRun("worker-killed", 3);
    // Six in flight over three workers, least-loaded first: two each, none answered.
    await held.until((s) => s.inFlight === 6);
    const victim = workers[1];
    if (!victim) throw new Error("no worker");
    victim.child.kill("SIGKILL");
    await victim.exited;
    await controller.waitFor(new RegExp(`AIPERF_WORKER_LOST: worker w\\d \\(pid ${victim.pid} `));
    held.open();
    expect(await controller.exited, controller.stderr).toBe(0);

    const records = readRecords(dir);
    expect(records).toHaveLength(12);
    expect(new Set(records.map((r) => r.credit)).size).toBe(12);
    const lost = records.filter((r) => r.error !== undefined);
    expect(lost).toHaveLength(2);
    for (const r of lost) expect(r.error).toMatch(new RegExp(`^AIPERF_WORKER_LOST: worker w\\d \\(pid ${victim.pid} .*request lost in flight`));
    const victimId = lost[0]?.worker;
    expect(lost.every((r) => r.worker === victimId)).toBe(true);
    expect(records.filter((r) => r.error === undefined && r.worker !== victimId)).toHaveLength(10);

    const exported = JSON.parse(readFileSync(path.join(dir, "out", "profile_export.json"), "utf8"));
    expect(exported.errors).toEqual([expect.objectContaining({ count: 2 })]);
    const rows = exported.postProcessing.find((p: { phase: string }) => p.phase === "profiling").data.workers as {
      pid: number;
      errors: number;
      lost?: string;
    }[];
    expect(rows.find((w) => w.pid === victim.pid)).toMatchObject({ errors: 2, lost: expect.stringContaining("worker") });
    expect(await Promise.all(workers.filter((w) => w !== victim).map((w) => w.exited))).toEqual([0, 0]);
  });

  it("a controller that dies (kill -9) leaves no worker process behind", async () => {
    const { controller, workers, held } = await heldRun("controller-killed", 2, { heartbeat_ms: 300 });
    await held.until((s) => s.inFlight === 6);
    controller.child.kill("SIGKILL");
    await controller.exited;
    for (const w of workers) {
      expect(await w.exited, w.stderr).toBe(1);
      expect(w.stderr).toContain("AIPERF_CONTROLLER_LOST");
      expect(isRunning(w.pid)).toBe(false);
    }
  });

  it("Ctrl-C on the controller stops every worker and still writes the exports", async () => {
    const { dir, controller, workers, held } = await heldRun("controller-interrupted", 2);
    await held.until((s) => s.inFlight === 6);
    controller.child.kill("SIGINT");
    expect(await controller.exited, controller.stderr).toBe(130);
    expect(await Promise.all(workers.map((w) => w.exited))).toEqual([0, 0]);
    for (const w of workers) expect(isRunning(w.pid)).toBe(false);
    expect(existsSync(path.join(dir, "out", "profile_export.json"))).toBe(true);
    const exported = JSON.parse(readFileSync(path.join(dir, "out", "profile_export.json"), "utf8"));
    expect(exported.interrupted).toBe(true);
    expect(readRecords(dir).every((r) => r.cancelled === true)).toBe(true);
  });
});
