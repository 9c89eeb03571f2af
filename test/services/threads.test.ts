import { existsSync } from "node:fs";
import path from "node:path";
import type { Worker } from "node:worker_threads";
import { Communication, type PhaseStats, runProfile, ServiceManager } from "aiperf";
import { createTestApp } from "aiperf/testing";
import { afterAll, describe, expect, it } from "vitest";
import { removeDir, tempDir } from "../helpers/fixtures.js";
import { holdingServer } from "../helpers/holdingServer.js";
import { profileWith, startMock } from "../helpers/profileApp.js";

const dir = tempDir("services");
afterAll(() => removeDir(dir));

describe("services talk through the communication protocol", () => {
  it("in_process: every credit and every record crosses the app's communication bus", async () => {
    const published: string[] = [];
    const handlers = new Map<string, Set<(m: unknown) => void>>();
    const spyBus: Communication = {
      publish(topic, message) {
        published.push(topic);
        for (const h of handlers.get(topic) ?? []) h(message);
      },
      subscribe(topic, handler) {
        const set = handlers.get(topic) ?? new Set();
        set.add(handler);
        handlers.set(topic, set);
        return () => set.delete(handler);
      },
    };
    const { results } = await profileWith(
      {
        phases: { warmup: { requests: 2 }, profiling: { requests: 5 } },
        endpoint: { mock: { ttft_ms: 0, itl_ms: 0, output_tokens: 2 } },
        output: { dir: path.join(dir, "bus"), console_exporters: [] },
      },
      { overrides: [{ token: Communication, useValue: spyBus }] },
    );
    expect(results.records).toHaveLength(5);
    expect(published.filter((t) => t === "credit")).toHaveLength(7);
    expect(published.filter((t) => t === "record")).toHaveLength(7);
  });
});

describe("threads service manager (worker threads)", () => {
  it("gives the same results as in_process", async () => {
    const mock = await startMock({ ttftMs: 2, itlMs: 1, outputTokens: 5 });
    try {
      const run = (type: string) =>
        profileWith({
          endpoint: { url: mock.url },
          // `workers` is the threads manager's own key: in_process takes none.
          service_manager: type === "threads" ? { type, workers: 2 } : { type },
          timing: { concurrency: 8 },
          dataset: { output_tokens_mean: 5 },
          phases: { warmup: { requests: 4 }, profiling: { requests: 60 } },
          output: { dir: path.join(dir, type), console_exporters: [] },
        });
      const [single, multi] = [await run("in_process"), await run("threads")];
      for (const { results, exitCode } of [single, multi]) {
        expect(exitCode).toBe(0);
        expect(results.records).toHaveLength(60);
        expect(results.errors).toEqual([]);
        expect([...results.records].every((r) => r.outputTokens === 5 && r.tokenNs.length === 5)).toBe(true);
        // Workers stamp on the main thread's clock: every request, and each of its tokens, falls
        // inside the phase as the main thread saw it, in order.
        const phase = results.phases.find((p) => p.phase === "profiling") as PhaseStats;
        for (const r of results.records) {
          const times = [phase.startNs as number, r.startNs, ...r.tokenNs, r.endNs, phase.endNs as number];
          expect(times).toEqual([...times].sort((a, b) => a - b));
        }
        expect(results.metrics.find((m) => m.tag === "time_to_first_token")?.count).toBe(60);
      }
      const turns = (r: typeof single) => [...r.results.records].map((x) => x.turnId).sort();
      expect(turns(multi)).toEqual(turns(single));
      expect(multi.results.phases.map((p) => p.sent)).toEqual(single.results.phases.map((p) => p.sent));
    } finally {
      await mock.stop();
    }
  });

  it("survives a worker killed mid-run: only its requests in flight fail, the other finishes the run, exports are written", async () => {
    // The server holds every request until the kill, so the state at the kill is known whatever
    // the machine's speed: 8 in flight, none answered, 4 on each worker (credits go to the
    // least-loaded worker).
    const server = await holdingServer();
    const out = path.join(dir, "killed");
    const app = await createTestApp({
      noCache: true,
      config: {
        ui: { type: "none" },
        endpoint: { url: server.url, streaming: false },
        service_manager: { type: "threads", workers: 2 },
        timing: { concurrency: 8 },
        phases: { warmup: { requests: 0 }, profiling: { requests: 100 } },
        output: { dir: out, console_exporters: [] },
      },
    });
    try {
      const manager = (await app.get(ServiceManager)) as ServiceManager & { threads(): readonly Worker[] };
      const running = runProfile(app, { write: () => {} });
      await server.until((s) => s.inFlight === 8);
      expect(manager.threads()).toHaveLength(2);
      const victim = manager.threads()[0] as Worker;
      // The manager's own exit listener was added first, so once this one runs the lost requests are settled.
      const exited = new Promise((resolve) => victim.once("exit", resolve));
      await victim.terminate();
      await exited;
      // Its connections died with it: wait until the server has seen them go, then answer the rest.
      await server.until((s) => s.abandoned === 4);
      server.open();
      const { results, exitCode } = await running;
      const profiling = results.phases.find((p) => p.phase === "profiling");
      expect(profiling?.sent).toBe(100);
      expect(results.records).toHaveLength(100);
      expect(results.errors).toEqual([{ message: expect.stringMatching(/^worker 1 exited/), count: 4 }]);
      expect([...results.records].filter((r) => r.error === undefined)).toHaveLength(96);
      expect(server.answered).toBe(96);
      expect(exitCode).toBe(0);
      expect(existsSync(path.join(out, "latest", "profile_export.json"))).toBe(true);
    } finally {
      await app.dispose();
      await server.stop();
    }
  });
});
