import { silentLogger } from "aiperf";
import { afterEach, describe, expect, it } from "vitest";
import { RunGuard } from "../../src/cli/RunGuard.js";

describe("RunGuard's notice on a stop signal", () => {
  let guard: RunGuard | undefined;
  afterEach(() => guard?.release());

  function guarded() {
    const notices: string[] = [];
    guard = new RunGuard(silentLogger, (t) => notices.push(t));
    return { guard, notices };
  }

  it("while requests are sent: says sending stops and the exports follow", () => {
    const { guard, notices } = guarded();
    process.emit("SIGINT");
    expect(notices).toEqual([
      "[aiperf] interrupted: stopping sending, waiting up to 2 s for requests in flight, then writing exports (Ctrl-C again to quit now)\n",
    ]);
    expect(guard.controller.signal.aborted).toBe(true);
  });

  it("once the requests are done: says the exports are being written, not that sending stops", () => {
    const { guard, notices } = guarded();
    guard.sendingDone = true;
    process.emit("SIGTERM");
    expect(notices).toEqual(["[aiperf] SIGTERM received: the requests are done, the exports are being written (SIGTERM again to quit now)\n"]);
    expect(guard.interruptedCode).toBe(143);
  });
});
