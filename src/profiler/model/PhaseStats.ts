import type { CreditPhase } from "./CreditPhase.js";

/**
 * A snapshot of one phase's progress. Timestamps are monotonic ns.
 * @public
 */
export interface PhaseStats {
  phase: CreditPhase;
  sent: number;
  completed: number;
  cancelled: number;
  errors: number;
  inFlight: number;
  sentSessions: number;
  startNs?: number;
  sendingCompleteNs?: number;
  endNs?: number;
  timedOut: boolean;
}
