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
  it("is the median of the successful records taken so far, reading each record once", () => {
    const ttft = new RecentTtft();
    const records: RequestRecord[] = [];
    expect(ttft.p50Ms()).toBeUndefined();
    records.push(record(30), record(10), record(undefined), record(99, { error: "boom" }), record(98, { cancelled: true }));
    ttft.take(records);
    expect(ttft.p50Ms()).toBeCloseTo(20);
    records.push(record(40));
    ttft.take(records);
    ttft.take(records);
    expect(ttft.p50Ms()).toBeCloseTo(30);
  });

  it("keeps only the most recent `capacity` values", () => {
    const ttft = new RecentTtft(3);
    const records = [1, 2, 3, 100, 200, 300].map((ms) => record(ms));
    ttft.take(records);
    expect(ttft.p50Ms()).toBeCloseTo(200);
  });
});
