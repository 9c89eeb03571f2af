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

  it("builds only the records that can stay in the ring, and matches taking them one by one", () => {
    const built: number[] = [];
    const all = Array.from({ length: 40 }, (_, i) => record(i % 7 === 0 ? undefined : (i * 37) % 23, i % 5 === 0 ? { error: "x" } : {}));
    const view = (n: number) => ({
      length: n,
      at: (i: number) => {
        built.push(i);
        return all[i];
      },
      [Symbol.iterator]: () => all.slice(0, n)[Symbol.iterator](),
    });
    const batched = new RecentTtft(4);
    const single = new RecentTtft(4);
    for (const n of [3, 3, 20, 40]) {
      built.length = 0;
      batched.take(view(n));
      for (let k = 1; k <= n; k++) single.take(all.slice(0, k));
      expect(batched.p50Ms()).toBe(single.p50Ms());
    }
    // The last take walked back from record 39 only until it had 4 successful ones.
    expect(built).toEqual([39, 38, 37, 36]);
  });
});
