import { monotonicNs, type PhaseDriverContext, type RequestRecord } from "aiperf";

/**
 * A stand-in credit source: sends `count` requests one after another, each with a fixed outcome,
 * and records them on the tracker like the real pipeline does.
 */
export function fakeDrive(count: number, options: { error?: (i: number) => string | undefined } = {}) {
  return async (ctx: PhaseDriverContext): Promise<RequestRecord[]> => {
    const records: RequestRecord[] = [];
    for (let i = 0; i < count && !ctx.signal.aborted; i++) {
      ctx.tracker.recordSent();
      const startNs = monotonicNs();
      const error = options.error?.(i);
      ctx.tracker.recordEnd(error ? "error" : "ok");
      records.push({
        phase: ctx.tracker.phase,
        credit: i,
        turnId: `t${i}`,
        startNs,
        tokenNs: [],
        endNs: monotonicNs(),
        inputTokens: 1,
        outputTokens: 1,
        ...(error ? { error } : {}),
      });
    }
    await ctx.sendingComplete();
    return records;
  };
}

/**
 * A credit source whose one request never answers: the phase can only end through its signal
 * (timeout or interrupt), which cancels the request. What ends the phase is then certain, not a
 * race between the phase's timer and the requests' own timers.
 */
export function untilAborted() {
  return async (ctx: PhaseDriverContext): Promise<RequestRecord[]> => {
    ctx.tracker.recordSent();
    await new Promise((resolve) => {
      if (ctx.signal.aborted) resolve(undefined);
      else ctx.signal.addEventListener("abort", resolve, { once: true });
    });
    ctx.tracker.recordEnd("cancelled");
    return [];
  };
}
