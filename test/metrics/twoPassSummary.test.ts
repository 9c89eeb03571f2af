import { summarize, TwoPassSummary } from "aiperf";
import { describe, expect, it } from "vitest";

/** Feeds `units` through both passes and returns the summary. */
function twoPass(units: Uint32Array, divisor: number) {
  const s = new TwoPassSummary(divisor);
  for (const u of units) s.first(u);
  s.startSecond();
  for (const u of units) s.second(u);
  return s.result();
}

describe("TwoPassSummary: exact statistics from counts", () => {
  let seed = 23;
  const next = () => {
    seed = (seed * 1_103_515_245 + 12_345) >>> 0;
    return seed / 2 ** 32;
  };
  const shapes: Record<string, (i: number) => number> = {
    "gaps around 10 ms": () => Math.round(1e7 + (next() - 0.5) * 4e6),
    "any 32-bit value": () => Math.floor(next() * 2 ** 32),
    "all equal": () => 0,
    "the ends of the range": (i) => (i % 2 ? 0xffffffff : 0),
    "few distinct values": (i) => (i % 3) * 65_537,
  };
  for (const [name, make] of Object.entries(shapes)) {
    it(`gives summarize's percentiles, min, max and count of the divided values: ${name}`, () => {
      for (const n of [1, 2, 101, 30_000]) {
        const units = Uint32Array.from({ length: n }, (_, i) => make(i));
        const expected = summarize(Array.from(units, (u) => u / 1e6)) as NonNullable<ReturnType<typeof summarize>>;
        const got = twoPass(units, 1e6) as NonNullable<ReturnType<typeof summarize>>;
        const { sum, avg, std, ...exact } = got;
        const { sum: s0, avg: a0, std: d0, ...exact0 } = expected;
        expect(exact).toStrictEqual(exact0);
        for (const [x, y] of [
          [sum, s0],
          [avg, a0],
          [std, d0],
        ] as const)
          expect(Math.abs(x - y)).toBeLessThanOrEqual(Math.abs(y) * 1e-12 + 1e-12);
      }
    });
  }

  it("has nothing to summarize without values", () => {
    expect(twoPass(new Uint32Array(0), 1e6)).toBeUndefined();
  });
});
