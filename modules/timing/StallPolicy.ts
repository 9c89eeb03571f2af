/**
 * What a schedule does after a stall (an event loop that was busy, a full in-flight cap): a send
 * so late that the next one is overdue too, by more than the late tolerance.
 * - `shift` (default): send the late one now and move every later send by the delay, so the
 *   inter-arrival distribution is kept (the run ends that much later);
 * - `skip`: send the late one now and drop every other send whose time has passed;
 * - `catch_up`: send every overdue request at once, back to back (the rate averages out).
 */
export type StallPolicy = "shift" | "skip" | "catch_up";

/** The valid `timing.stall_policy` values, sorted (for error messages). */
export const STALL_POLICIES: readonly StallPolicy[] = ["catch_up", "shift", "skip"];
