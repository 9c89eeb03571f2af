import type { RequestRecord } from "aiperf";
import { describe, expect, it } from "vitest";
import { RecentTtft } from "../../dist/src/profiler/run/RecentTtft.js";

const record = (ttftMs: number | undefined, extra: Partial<RequestRecord> = {}): RequestRecord => ({
  phase: "profiling" as RequestRecord["phase"],
  credit: 0,
  turnId: "t",
  startNs: 1e9,
  ...(ttftMs === undefined ? {} : { firstTokenNs: 1e9 + ttftMs * 1e6 }),
  tokenNs: [],
  endNs: 2e9,
  inputTokens: 1,
  outputTokens: 1,
  ...extra,
});

describe("RecentTtft", () => {
  it("is the median of the successful records added so far", () => {
    const ttft = new RecentTtft();
    expect(ttft.p50Ms()).toBeUndefined();
    for (const r of [record(30), record(10), record(undefined), record(99, { error: "boom" }), record(98, { cancelled: true })]) ttft.add(r);
    expect(ttft.p50Ms()).toBeCloseTo(20);
    ttft.add(record(40));
    expect(ttft.p50Ms()).toBeCloseTo(30);
  });

  it("keeps only the most recent `capacity` values", () => {
    const ttft = new RecentTtft(3);
    for (const ms of [1, 2, 3, 100, 200, 300]) ttft.add(record(ms));
    expect(ttft.p50Ms()).toBeCloseTo(200);
  });
});
