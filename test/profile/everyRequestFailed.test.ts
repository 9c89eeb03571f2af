import { describe, expect, it } from "vitest";
import { everyRequestFailed } from "../../dist/src/profiler/run/everyRequestFailed.js";

describe("everyRequestFailed: the one rule behind exit 1 for a run, the CLI's message and a sweep", () => {
  it("is true only when requests finished and each one failed", () => {
    expect(everyRequestFailed({ completed: 6, errors: 6 })).toBe(true);
    expect(everyRequestFailed({ completed: 6, errors: 5 })).toBe(false);
    expect(everyRequestFailed({ completed: 0, errors: 0 })).toBe(false);
    expect(everyRequestFailed({})).toBe(false);
    expect(everyRequestFailed(undefined)).toBe(false);
  });
});
