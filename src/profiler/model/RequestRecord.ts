import type { CreditPhase } from "./CreditPhase.js";

/**
 * What one request did, as measured by the client. Times are monotonic nanoseconds
 * (`monotonicNs()`), comparable within one process only.
 * @public
 */
export interface RequestRecord {
  phase: CreditPhase;
  /** 0-based index of the credit within its phase. */
  credit: number;
  turnId: string;
  startNs: number;
  /** Arrival of the first content token, if any arrived. */
  firstTokenNs?: number;
  /** Arrival of every content chunk, in order (the first is `firstTokenNs`). */
  tokenNs: number[];
  endNs: number;
  inputTokens: number;
  outputTokens: number;
  status?: number;
  error?: string;
  cancelled?: boolean;
  /** When the schedule wanted this request sent (fixed_schedule), monotonic ns. */
  scheduledNs?: number;
  /** Requests in flight when this one was sent, this one included. */
  inFlightAtStart?: number;
}
