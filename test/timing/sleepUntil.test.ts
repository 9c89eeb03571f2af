import { monotonicNs } from "aiperf";
import { describe, expect, it } from "vitest";
import { realClock } from "../../dist/modules/timing/realClock.js";
import { sleepUntil } from "../../dist/modules/timing/sleepUntil.js";

const MS = 1e6;

describe("sleepUntil (the precise wait behind request-rate and trace-replay sends)", () => {
  it("never resolves before its target, through the timer, the turns and the final stretch", async () => {
    const signal = new AbortController().signal;
    for (const aheadNs of [5 * MS, 1.5 * MS, 0.3 * MS, 0.05 * MS]) {
      const target = monotonicNs() + aheadNs;
      await sleepUntil(target, signal);
      expect(monotonicNs()).toBeGreaterThanOrEqual(target);
    }
  });

  it("resolves at once for a target already past", async () => {
    let done = false;
    const p = sleepUntil(monotonicNs() - MS, new AbortController().signal).then(() => {
      done = true;
    });
    await Promise.resolve();
    expect(done).toBe(true);
    await p;
  });

  it("resolves early when its signal aborts, so a stopped phase does not wait out the schedule", async () => {
    const controller = new AbortController();
    const p = sleepUntil(monotonicNs() + 3_600_000 * MS, controller.signal);
    setImmediate(() => controller.abort());
    await p;
    expect(controller.signal.aborted).toBe(true);
  });

  it("starts a schedule in the future, so even the first send is waited for", () => {
    const before = monotonicNs();
    expect(realClock.startNs()).toBeGreaterThan(before);
  });
});
