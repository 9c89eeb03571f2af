import { monotonicNs, type PhaseDriverContext, type RequestRecord } from "aiperf";

/**
 * A stand-in credit source: sends `count` requests one after another, each "taking" `delayMs`,
 * with a fixed outcome, and records them on the tracker like the real pipeline does.
 */
export function fakeDrive(count: number, options: { delayMs?: number; error?: (i: number) => string | undefined } = {}) {
  return async (ctx: PhaseDriverContext): Promise<RequestRecord[]> => {
    const records: RequestRecord[] = [];
    for (let i = 0; i < count && !ctx.signal.aborted; i++) {
      ctx.tracker.recordSent();
      const startNs = monotonicNs();
      if (options.delayMs) await new Promise((r) => setTimeout(r, options.delayMs));
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
