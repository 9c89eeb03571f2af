import type { LoadedConfig, Logger, MetricResult, ProfileResults, RequestRecord } from "aiperf";
import { describe, expect, it } from "vitest";
import { loadWarnings } from "../../dist/modules/exporters/loadWarnings.js";
import { AchievedRateMetric } from "../../dist/modules/metrics/AchievedRateMetric.js";
import { LateSendsMetric } from "../../dist/modules/metrics/LateSendsMetric.js";
import { RequestedRateMetric } from "../../dist/modules/metrics/RequestedRateMetric.js";
import { ConstantRateGenerator } from "../../dist/modules/timing/ConstantRateGenerator.js";
import type { RequestRateConfig } from "../../dist/modules/timing/RequestRateConfig.js";
import { RequestRateStrategy } from "../../dist/modules/timing/RequestRateStrategy.js";
import { FakeClock, type FakeSend, fakeSender } from "./fakeClock.js";

const MS = 1e6;

function quietLogger(lines: string[]): Logger {
  const log = (m: string) => lines.push(m);
  return { debug: log, info: log, warn: log, error: log };
}

function recordOf(send: FakeSend, credit: number): RequestRecord {
  return {
    phase: "profiling" as RequestRecord["phase"],
    credit,
    turnId: "t",
    // Taken up, then written 1 µs later (formatting): a request that reached the socket.
    issuedNs: send.atNs - 1000,
    startNs: send.atNs,
    ...(send.scheduledNs === undefined ? {} : { scheduledNs: send.scheduledNs }),
    tokenNs: [],
    endNs: send.atNs + MS,
    inputTokens: 1,
    outputTokens: 1,
  };
}

/** What the summary would show for these records at this requested rate. */
function summaryOf(records: RequestRecord[], rate: number): { results: ProfileResults; rows: MetricResult[] } {
  const loaded = { raw: { timing: { strategy: "request_rate", rate } } } as unknown as LoadedConfig;
  const requested = new RequestedRateMetric(loaded);
  const achieved = new AchievedRateMetric();
  const late = new LateSendsMetric(loaded);
  const input = { records, metrics: [], stats: { phase: "profiling" } as never };
  const computed: Record<string, number> = {};
  const rows: MetricResult[] = [];
  for (const m of [requested, achieved, late]) {
    const value = m.compute({ ...input, computed });
    if (value === undefined) continue;
    computed[m.tag] = value;
    rows.push({ tag: m.tag, header: m.header, unit: m.unit, count: 1, avg: value });
  }
  return { results: { metrics: rows } as unknown as ProfileResults, rows };
}

async function runAt(rate: number, sendCostNs: number, count: number) {
  const lines: string[] = [];
  const config = { rate, stall_policy: "shift", late_tolerance_ms: 1 } as RequestRateConfig;
  const strategy = new RequestRateStrategy(config, new ConstantRateGenerator(), quietLogger(lines));
  const clock = new FakeClock();
  strategy.clock = clock;
  const sender = fakeSender(clock, count, sendCostNs);
  await strategy.run(sender);
  return { strategy, lines, records: sender.sends.map(recordOf) };
}

describe("a client that cannot keep up with the requested rate", () => {
  it("is reported: achieved below requested in the metrics, a warning in the summary, late sends counted", async () => {
    // 1000 req/s asked; every send costs the loop 2 ms, so at most 500 req/s can go out.
    const { records, strategy, lines } = await runAt(1000, 2 * MS, 200);
    const { results } = summaryOf(records, 1000);
    const achieved = results.metrics.find((m) => m.tag === "achieved_rate")?.avg as number;
    expect(achieved).toBeCloseTo(500, 0);
    expect(results.metrics.find((m) => m.tag === "requested_rate")?.avg).toBe(1000);
    expect(results.metrics.find((m) => m.tag === "late_sends")?.avg).toBeGreaterThan(0);
    expect(strategy.scheduleReport()?.late).toBeGreaterThan(0);
    expect(lines.some((l) => l.includes("the sending loop took up") && l.includes("more than 1 ms late"))).toBe(true);
    const warnings = loadWarnings(results).join("\n");
    expect(warnings).toContain("The client sent 500.0 req/s of the 1000 req/s requested");
  });

  it("counts a request as sent when it reaches the socket, not when the loop takes it up on time", async () => {
    // The loop keeps 1000 req/s, but the requests wait in the client's queue: one written every 4 ms.
    const { records } = await runAt(1000, 0.1 * MS, 200);
    const first = records[0]?.startNs as number;
    const queued = records.map((r, i) => ({ ...r, startNs: Math.max(r.startNs, first + i * 4 * MS) }));
    const { results } = summaryOf(queued, 1000);
    expect(results.metrics.find((m) => m.tag === "achieved_rate")?.avg).toBeCloseTo(250, 0);
    expect(results.metrics.find((m) => m.tag === "late_sends")?.avg).toBeGreaterThan(190);
    expect(loadWarnings(results).join("\n")).toContain("The client sent 250.0 req/s of the 1000 req/s requested");
  });

  it("does not count requests cancelled while they waited in the client's queue as sent, but as late", async () => {
    // 1000 req/s asked; 50 were written, one every 4 ms, the other 150 were cancelled still queued.
    const { records } = await runAt(1000, 0.1 * MS, 200);
    const first = records[0]?.startNs as number;
    const ended = records.map((r, i) =>
      i < 50 ? { ...r, startNs: Math.max(r.startNs, first + i * 4 * MS) } : { ...r, startNs: r.issuedNs as number, cancelled: true },
    );
    const { results } = summaryOf(ended, 1000);
    expect(results.metrics.find((m) => m.tag === "achieved_rate")?.avg).toBeCloseTo(250, 0);
    expect(results.metrics.find((m) => m.tag === "late_sends")?.avg).toBeGreaterThanOrEqual(150);
    expect(loadWarnings(results).join("\n")).toContain("The client sent 250.0 req/s of the 1000 req/s requested");
  });

  it("is not reported when the client keeps up", async () => {
    const { records, strategy } = await runAt(100, 0.1 * MS, 50);
    const { results } = summaryOf(records, 100);
    expect(results.metrics.find((m) => m.tag === "achieved_rate")?.avg).toBeCloseTo(100, 6);
    expect(results.metrics.find((m) => m.tag === "late_sends")?.avg).toBe(0);
    expect(strategy.scheduleReport()).toMatchObject({ sent: 50, late: 0 });
    expect(loadWarnings(results)).toEqual([]);
  });

  it("warns when the client's own queueing delay is over 1 ms at the median, and not below", () => {
    const at = (p50: number) =>
      ({ metrics: [{ tag: "client_queue_delay", header: "Client queueing delay", unit: "ms", count: 9, p50 }] }) as unknown as ProfileResults;
    expect(loadWarnings(at(2.5)).join(" ")).toContain("the client could not write the requests as fast as asked");
    expect(loadWarnings(at(0.2))).toEqual([]);
  });
});
