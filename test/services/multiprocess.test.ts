import { existsSync } from "node:fs";
import path from "node:path";
import type { Worker } from "node:worker_threads";
import { Communication, runProfile, ServiceManager } from "aiperf";
import { createTestApp } from "aiperf/testing";
import { afterAll, describe, expect, it } from "vitest";
import { removeDir, tempDir } from "../helpers/fixtures.js";
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

describe("multiprocess service manager (worker threads)", () => {
  it("gives the same results as in_process", async () => {
    const mock = await startMock({ ttftMs: 2, itlMs: 1, outputTokens: 5 });
    try {
      const run = (type: string) =>
        profileWith({
          endpoint: { url: mock.url },
          // `workers` is the multiprocess manager's own key: in_process takes none.
          service_manager: type === "multiprocess" ? { type, workers: 2 } : { type },
          timing: { concurrency: 8 },
          dataset: { output_tokens_mean: 5 },
          phases: { warmup: { requests: 4 }, profiling: { requests: 60 } },
          output: { dir: path.join(dir, type), console_exporters: [] },
        });
      const [single, multi] = [await run("in_process"), await run("multiprocess")];
      for (const { results, exitCode } of [single, multi]) {
        expect(exitCode).toBe(0);
        expect(results.records).toHaveLength(60);
        expect(results.errors).toEqual([]);
        expect(results.records.every((r) => r.outputTokens === 5 && r.tokenNs.length === 5)).toBe(true);
        expect(results.metrics.find((m) => m.tag === "time_to_first_token")?.p50).toBeGreaterThanOrEqual(2);
      }
      const turns = (r: typeof single) => r.results.records.map((x) => x.turnId).sort();
      expect(turns(multi)).toEqual(turns(single));
      expect(multi.results.phases.map((p) => p.sent)).toEqual(single.results.phases.map((p) => p.sent));
    } finally {
      await mock.stop();
    }
  });

  it("survives a worker killed mid-run: the other finishes, lost requests are errors, exports are written", async () => {
    const mock = await startMock({ ttftMs: 20, itlMs: 10, outputTokens: 4 });
    const out = path.join(dir, "killed");
    const app = await createTestApp({
      noCache: true,
      config: {
        ui: { type: "none" },
        endpoint: { url: mock.url },
        service_manager: { type: "multiprocess", workers: 2 },
        timing: { concurrency: 8 },
        dataset: { output_tokens_mean: 4 },
        phases: { warmup: { requests: 0 }, profiling: { requests: 200 } },
        output: { dir: out, console_exporters: [] },
      },
    });
    try {
      const manager = (await app.get(ServiceManager)) as ServiceManager & { threads(): readonly Worker[] };
      const running = runProfile(app, { write: () => {} });
      while (manager.threads().length < 2) await new Promise((r) => setTimeout(r, 20));
      await new Promise((r) => setTimeout(r, 600));
      await manager.threads()[0]?.terminate();
      const { results, exitCode } = await running;
      const profiling = results.phases.find((p) => p.phase === "profiling");
      expect(profiling?.sent).toBe(200);
      expect(results.records).toHaveLength(200);
      const lost = results.errors.find((e) => /worker 1 exited/.test(e.message));
      expect(lost?.count).toBeGreaterThan(0);
      expect(lost?.count).toBeLessThan(200);
      expect(results.records.filter((r) => r.error === undefined).length).toBeGreaterThan(100);
      expect(exitCode).toBe(0);
      expect(existsSync(path.join(out, "profile_export.json"))).toBe(true);
    } finally {
      await app.dispose();
      await mock.stop();
    }
  });
});
