import { summarize, summarizeInPlace } from "aiperf";
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

  it("leaves the array sorted", () => {
    const values = Float64Array.from([5, 1, 4, 1, 0]);
    summarizeInPlace(values);
    expect(Array.from(values)).toEqual([0, 1, 1, 4, 5]);
  });
});
