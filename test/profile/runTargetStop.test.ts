import type { ServiceContext, ServiceManager, TimingStrategy } from "aiperf";
import { createTestApp } from "aiperf/testing";
import { describe, expect, it } from "vitest";
import { RunTarget } from "../../dist/src/profiler/run/RunTarget.js";

/** A service manager whose `open` ends only when the test says so, recording what was called. */
function slowManager() {
  const calls: string[] = [];
  let finishOpen: () => void = () => {};
  const manager = {
    open: (_context: ServiceContext) => {
      calls.push("open");
      return new Promise<void>((resolve) => {
        finishOpen = () => {
          calls.push("open done");
          resolve();
        };
      });
    },
    close: async () => {
      calls.push("close");
    },
  } as unknown as ServiceManager;
  return { manager, calls, finishOpen: () => finishOpen() };
}

const strategy = { run: async () => {}, maxInFlight: () => 2 } as unknown as TimingStrategy;

describe("a stop signal while the request side opens", () => {
  it("ends the wait at once, and the open that goes on is closed again once it is done (nothing it started outlives the run)", async () => {
    const app = await createTestApp({ noCache: true, config: { endpoint: { url: "http://127.0.0.1:9" } } });
    try {
      const { manager, calls, finishOpen } = slowManager();
      const target = new RunTarget(app as never, manager as never, strategy as never);
      await target.open();
      const stop = new AbortController();
      const connecting = target.connect(stop.signal);
      stop.abort(new Error("interrupted"));
      await expect(connecting).rejects.toThrow("interrupted");
      const closing = target.close();
      // The first close happens while the open is still under way; the second waits for it.
      await Promise.resolve();
      expect(calls).toEqual(["open", "close"]);
      finishOpen();
      await closing;
      expect(calls).toEqual(["open", "close", "open done", "close"]);
    } finally {
      await app.dispose();
    }
  });

  it("opens nothing when the signal has already stopped the run", async () => {
    const app = await createTestApp({ noCache: true, config: { endpoint: { url: "http://127.0.0.1:9" } } });
    try {
      const { manager, calls } = slowManager();
      const target = new RunTarget(app as never, manager as never, strategy as never);
      await target.open();
      await expect(target.connect(AbortSignal.abort(new Error("interrupted")))).rejects.toThrow("interrupted");
      await target.close();
      expect(calls).toEqual([]);
    } finally {
      await app.dispose();
    }
  });
});
