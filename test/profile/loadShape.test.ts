import type { RequestRecord } from "aiperf";
import { describe, expect, it } from "vitest";
import { removeDir, tempDir } from "../helpers/fixtures.js";
import { profileWith, startMock } from "../helpers/profileApp.js";

/** The largest number of requests whose [start, end] intervals overlap. */
function maxOverlap(records: readonly RequestRecord[]): number {
  const events = records.flatMap((r) => [
    { t: r.startNs, d: 1 },
    { t: r.endNs, d: -1 },
  ]);
  events.sort((a, b) => a.t - b.t || a.d - b.d);
  let cur = 0;
  let max = 0;
  for (const e of events) {
    cur += e.d;
    max = Math.max(max, cur);
  }
  return max;
}

describe("load shape", () => {
  it("request_rate 200 req/s for 10 s issues 2000 ± 1 % requests", async () => {
    const mock = await startMock({ ttftMs: 2, itlMs: 1, outputTokens: 4 });
    const dir = tempDir("rate");
    try {
      const { results } = await profileWith({
        endpoint: { url: mock.url },
        timing: { strategy: "request_rate", rate: 200, arrival: "constant" },
        phases: { warmup: { requests: 0 }, profiling: { duration_s: 10 } },
        output: { dir, data_exporters: [], console_exporters: [] },
      });
      const profiling = results.phases.find((p) => p.phase === "profiling");
      expect(profiling?.sent).toBeGreaterThanOrEqual(1980);
      expect(profiling?.sent).toBeLessThanOrEqual(2020);
      expect(results.records).toHaveLength(profiling?.sent as number);
      expect(profiling?.errors).toBe(0);
    } finally {
      await mock.stop();
      removeDir(dir);
    }
  }, 60_000);

  it("concurrency 16 never has more than 16 requests in flight, and does reach 16", async () => {
    const mock = await startMock({ ttftMs: 5, itlMs: 1, outputTokens: 8 });
    const dir = tempDir("conc");
    try {
      const { results } = await profileWith({
        endpoint: { url: mock.url },
        timing: { strategy: "concurrency", concurrency: 16 },
        phases: { warmup: { requests: 0 }, profiling: { requests: 400 } },
        output: { dir, data_exporters: [], console_exporters: [] },
      });
      expect(results.records).toHaveLength(400);
      expect(Math.max(...results.records.map((r) => r.inFlightAtStart ?? 0))).toBe(16);
      expect(maxOverlap(results.records)).toBeLessThanOrEqual(16);
    } finally {
      await mock.stop();
      removeDir(dir);
    }
  });

  it("poisson arrivals are seeded: the same seed gives the same schedule", async () => {
    const { createTestApp } = await import("aiperf/testing");
    const { RequestRateGenerator } = await import("aiperf");
    const draw = async () => {
      const app = await createTestApp({ noCache: true, config: { timing: { arrival: "poisson", seed: 7 } } });
      const gen = await app.get(RequestRateGenerator);
      const values = Array.from({ length: 5 }, () => gen.nextIntervalMs(100));
      await app.dispose();
      return values;
    };
    const [a, b] = [await draw(), await draw()];
    expect(a).toEqual(b);
    expect(new Set(a).size).toBe(5);
  });
});
