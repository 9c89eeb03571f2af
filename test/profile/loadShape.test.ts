import type { PhaseStats, RequestRecord } from "aiperf";
import { describe, expect, it } from "vitest";
import { removeDir, tempDir } from "../helpers/fixtures.js";
import { holdingServer } from "../helpers/holdingServer.js";
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
  it("request_rate bounded by requests sends exactly that many, never ahead of the rate's schedule", async () => {
    const mock = await startMock({ outputTokens: 2 });
    const dir = tempDir("rate");
    const rate = 500;
    try {
      const { results } = await profileWith({
        endpoint: { url: mock.url },
        timing: { strategy: "request_rate", rate, arrival: "constant" },
        phases: { warmup: { requests: 0 }, profiling: { requests: 50 } },
        output: { dir, data_exporters: [], console_exporters: [] },
      });
      const profiling = results.phases.find((p) => p.phase === "profiling") as PhaseStats;
      expect(profiling.sent).toBe(50);
      expect(results.records).toHaveLength(50);
      expect(profiling.errors).toBe(0);
      // Request i is due i/rate after the phase started; the sender may go up to 1 ms early (timer
      // granularity), never more, however slow or fast the machine is. Late is allowed: that is
      // speed, measured by `npm run bench`.
      const intervalNs = 1e9 / rate;
      for (const r of results.records) expect(r.startNs - (profiling.startNs as number)).toBeGreaterThanOrEqual(r.credit * intervalNs - 1e6);
    } finally {
      await mock.stop();
      removeDir(dir);
    }
  });

  it("request_rate bounded by duration stops by itself, records every request it sent, and never exceeds the rate", async () => {
    const mock = await startMock({ outputTokens: 2 });
    const dir = tempDir("rate-duration");
    try {
      const { results } = await profileWith({
        endpoint: { url: mock.url },
        timing: { strategy: "request_rate", rate: 200, arrival: "constant" },
        phases: { warmup: { requests: 0 }, profiling: { duration_s: 0.3 } },
        output: { dir, data_exporters: [], console_exporters: [] },
      });
      const profiling = results.phases.find((p) => p.phase === "profiling") as PhaseStats;
      expect(profiling.timedOut).toBe(false);
      expect(results.records).toHaveLength(profiling.sent);
      expect(profiling.completed).toBe(profiling.sent);
      expect(profiling.errors).toBe(0);
      // A ceiling, not a target: a busy machine sends fewer, never more than 200/s × 0.3 s (+ the first at t = 0).
      expect(profiling.sent).toBeLessThanOrEqual(200 * 0.3 + 1);
    } finally {
      await mock.stop();
      removeDir(dir);
    }
  });

  it("concurrency 16 never has more than 16 requests in flight, and does reach 16", async () => {
    // The server holds every request until 16 are in flight, then answers them all: the run can
    // only finish if the client really keeps 16 in flight (400 = 25 waves of 16), and the server
    // sees any 17th.
    const server = await holdingServer((s) => {
      if (s.inFlight < 16) return false;
      s.flush();
      return true;
    });
    const dir = tempDir("conc");
    try {
      const { results } = await profileWith({
        endpoint: { url: server.url },
        timing: { strategy: "concurrency", concurrency: 16 },
        phases: { warmup: { requests: 0 }, profiling: { requests: 400 } },
        output: { dir, data_exporters: [], console_exporters: [] },
      });
      expect(results.records).toHaveLength(400);
      expect(results.errors).toEqual([]);
      expect(server.maxInFlight).toBe(16);
      expect(server.received).toBe(400);
      expect(Math.max(...[...results.records].map((r) => r.inFlightAtStart ?? 0))).toBe(16);
      expect(maxOverlap([...results.records])).toBeLessThanOrEqual(16);
    } finally {
      await server.stop();
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
