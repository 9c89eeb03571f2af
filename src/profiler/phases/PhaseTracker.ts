import { monotonicNs } from "../../kernel/util/monotonicNs.js";
import type { CreditPhase } from "../model/CreditPhase.js";
import type { PhaseStats } from "../model/PhaseStats.js";

/**
 * Counts what one phase has sent and received; hooks read it through `createStats()`.
 * @public
 */
export class PhaseTracker {
  private sent = 0;
  private completed = 0;
  private cancelled = 0;
  private errors = 0;
  private sentSessions = 0;
  private startNs: number | undefined;
  private sendingCompleteNs: number | undefined;
  private endNs: number | undefined;
  private timedOut = false;

  constructor(
    readonly phase: CreditPhase,
    /** Expected number of requests, when the phase is bounded by count. */
    readonly expected?: number,
  ) {}

  markStart(): void {
    this.startNs = monotonicNs();
  }
  markSendingComplete(): void {
    this.sendingCompleteNs ??= monotonicNs();
  }
  markEnd(): void {
    this.endNs = monotonicNs();
  }
  markTimedOut(): void {
    this.timedOut = true;
  }
  /** One credit issued; `newSession` for the first turn of a conversation. */
  recordSent(newSession = true): void {
    this.sent++;
    if (newSession) this.sentSessions++;
  }
  /** One request ended: normally, with an error, or cancelled. */
  recordEnd(outcome: "ok" | "error" | "cancelled"): void {
    if (outcome === "cancelled") this.cancelled++;
    else {
      this.completed++;
      if (outcome === "error") this.errors++;
    }
  }

  get inFlight(): number {
    return this.sent - this.completed - this.cancelled;
  }

  /** A snapshot; later changes do not affect it. */
  createStats(): PhaseStats {
    return {
      phase: this.phase,
      sent: this.sent,
      completed: this.completed,
      cancelled: this.cancelled,
      errors: this.errors,
      inFlight: this.inFlight,
      sentSessions: this.sentSessions,
      ...(this.startNs === undefined ? {} : { startNs: this.startNs }),
      ...(this.sendingCompleteNs === undefined ? {} : { sendingCompleteNs: this.sendingCompleteNs }),
      ...(this.endNs === undefined ? {} : { endNs: this.endNs }),
      timedOut: this.timedOut,
    };
  }
}
