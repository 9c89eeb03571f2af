import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { settleHeap } from "../../dist/modules/timing/settleHeap.js";

describe("settleHeap (one full GC before a schedule starts)", () => {
  it("leaves no gc global behind: contexts made afterwards (a plugin's, an embedding host's) see none", () => {
    settleHeap();
    expect(runInNewContext("typeof gc")).toBe("undefined");
    expect((globalThis as { gc?: unknown }).gc).toBeUndefined();
  });
});
