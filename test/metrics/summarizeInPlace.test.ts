import { summarize, summarizeInPlace, summarizeScaledInPlace } from "aiperf";
import { describe, expect, it } from "vitest";

/** A deterministic sample: the same numbers in every run. */
function sample(n: number, next: (i: number) => number): number[] {
  return Array.from({ length: n }, (_, i) => next(i));
}

describe("summarizeInPlace: summarize without the copy", () => {
  it("gives what summarize gives, for small integers (counted) and any other numbers (compared)", () => {
    const samples = [
      sample(5000, (i) => (i * 7919) % 600),
      sample(5000, (i) => ((i * 104_729) % 70_000) + 1),
      sample(5000, (i) => ((i * 7919) % 600) / 7),
      [3, -0, 0, 2, 65_535, 65_536],
      [1],
    ];
    for (const values of samples) expect(summarizeInPlace(Float64Array.from(values))).toStrictEqual(summarize(values));
    expect(summarizeInPlace(new Float64Array(0))).toBeUndefined();
  });

  it("leaves a sample of fewer than 4,194,304 values sorted", () => {
    const values = Float64Array.from([5, 1, 4, 1, 0]);
    summarizeInPlace(values);
    expect(Array.from(values)).toEqual([0, 1, 1, 4, 5]);
  });

  it("sorts large samples of any numbers as Float64Array.prototype.sort does, with the same statistics", () => {
    let seed = 3;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) >>> 0;
      return seed / 2 ** 32;
    };
    const specials = [-0, 0, 5e-324, -5e-324, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 1e300, -1e300, 2 ** 53, -7.5];
    for (const n of [4095, 4096, 20_000]) {
      const values = Float64Array.from({ length: n }, (_, i) => (i % 5 === 0 ? (specials[i % specials.length] as number) : (random() - 0.3) * 10 ** (i % 7)));
      const reference = values.slice().sort();
      const summary = summarizeInPlace(values);
      expect(Array.from(values).every((v, i) => Object.is(v, reference[i]))).toBe(true);
      let sum = 0;
      for (const v of reference) sum += v;
      expect(summary?.sum).toBe(sum);
      expect([summary?.min, summary?.max]).toEqual([reference[0], reference[n - 1]]);
    }
  });

  it("summarizes 4,194,304 values or more without sorting them: the sorted sample's percentiles, min and max, and its sum to ten digits (added in another order)", () => {
    let seed = 11;
    const n = 1 << 22;
    const values = Float64Array.from({ length: n }, () => {
      seed = (seed * 1_103_515_245 + 12_345) >>> 0;
      // Gaps of a stream: about 10 ms, in whole nanoseconds.
      return Math.round(1e7 + (seed / 2 ** 32 - 0.5) * 4e6) / 1e6;
    });
    const reference = summarize(values.slice().sort()) as NonNullable<ReturnType<typeof summarize>>;
    const summary = summarizeInPlace(values) as NonNullable<ReturnType<typeof summarize>>;
    const { sum, avg, std, ...exact } = summary;
    const { sum: refSum, avg: refAvg, std: refStd, ...refExact } = reference;
    expect(exact).toStrictEqual(refExact);
    expect(sum / refSum).toBeCloseTo(1, 10);
    expect(avg / refAvg).toBeCloseTo(1, 10);
    expect(std / refStd).toBeCloseTo(1, 9);
  });

  it("summarizeScaledInPlace of whole nanoseconds gives exactly summarize of the milliseconds they stand for", () => {
    let seed = 17;
    const next = () => {
      seed = (seed * 1_103_515_245 + 12_345) >>> 0;
      return seed / 2 ** 32;
    };
    for (const n of [1, 2, 5000, 70_000]) {
      const ns = Uint32Array.from({ length: n }, (_, i) => (i % 7 === 0 ? 0 : Math.floor(next() * 2 ** 32)));
      const ms = Array.from(ns, (v) => v / 1e6);
      expect(summarizeScaledInPlace(ns, 1e6)).toStrictEqual(summarize(ms));
    }
    expect(summarizeScaledInPlace(new Uint32Array(0), 1e6)).toBeUndefined();
  });
});
