import { describe, expect, it } from "vitest";
import { selectRanks } from "../../dist/src/profiler/util/selectRanks.js";

/** A deterministic pseudo-random sequence: the same numbers in every run. */
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) >>> 0;
    return s / 2 ** 32;
  };
}

/** Checks that `values` has the sorted sample's value at each rank, nothing larger before it and nothing smaller after it. */
function expectSelected(values: Float64Array, sorted: Float64Array, ranks: number[]): void {
  for (const r of ranks) {
    expect(values[r]).toBe(sorted[r]);
    for (let k = 0; k < r; k++) if ((values[k] as number) > (values[r] as number)) throw new Error(`value at ${k} above rank ${r}`);
    for (let k = r + 1; k < values.length; k++) if ((values[k] as number) < (values[r] as number)) throw new Error(`value at ${k} below rank ${r}`);
  }
}

describe("selectRanks: exact order statistics in place", () => {
  const n = 20_000;
  const next = random(7);
  const shapes: Record<string, (i: number) => number> = {
    random: () => next() * 1000,
    "few distinct values": (i) => (i * 7919) % 5,
    "all equal": () => 3.25,
    ascending: (i) => i,
    descending: (i) => n - i,
    "organ pipe": (i) => (i < n / 2 ? i : n - i),
    "latencies around 10 ms": () => 10 + (next() - 0.5) * 0.002,
  };
  for (const [name, make] of Object.entries(shapes)) {
    it(`puts the sorted sample's value at each rank: ${name}`, () => {
      const values = Float64Array.from({ length: n }, (_, i) => make(i));
      const sorted = values.slice().sort();
      const ranks = [0, 199, 200, 999, 1000, 4999, 5000, 9999, 10_000, 19_799, 19_800, n - 1];
      selectRanks(values, ranks);
      expectSelected(values, sorted, ranks);
      expect(values.slice().sort()).toStrictEqual(sorted);
    });
  }

  it("gives a rank that lands on a zero the sign a sort gives it: every -0 before every 0", () => {
    const values = Float64Array.from({ length: 5000 }, (_, i) => (i % 3 === 0 ? -0 : i % 3 === 1 ? 0 : i % 7 === 0 ? -1 : 1));
    const sorted = values.slice().sort();
    const ranks = Array.from({ length: 50 }, (_, k) => k * 100 + 7);
    selectRanks(values, ranks);
    for (const r of ranks) expect(Object.is(values[r], sorted[r])).toBe(true);
  });

  it("handles samples shorter than a partition and a single rank", () => {
    const values = Float64Array.from([5, 1, 4, 1, 0]);
    selectRanks(values, [2]);
    expect(values[2]).toBe(1);
    selectRanks(new Float64Array(0), []);
  });
});
