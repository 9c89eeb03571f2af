import type { ScheduleReport } from "aiperf";
import type { StallPolicy } from "./StallPolicy.js";

/**
 * An absolute send schedule under a stall policy, driven by an outside clock (so the policy is a
 * pure function of the times it is given). `dueNs` is when the next send is due; the caller waits
 * until then (never earlier) and calls `take(now)`, which returns the time to record as the send's
 * scheduled time and moves on to the next slot. Intervals come from `nextIntervalNs`, called once
 * per slot, skipped slots included, so a seeded generator yields the same slots whatever the policy.
 */
export class SendSchedule {
  private nextNs: number;
  private readonly report: ScheduleReport = { sent: 0, late: 0, lateTotalNs: 0, maxLateNs: 0, skipped: 0, shiftedNs: 0 };

  constructor(
    private readonly policy: StallPolicy,
    startNs: number,
    private readonly nextIntervalNs: () => number,
    /** A send this much after its due time (or less) is on time; beyond it, it is late. */
    private readonly toleranceNs: number,
  ) {
    this.nextNs = startNs;
  }

  /** When the next send is due (monotonic ns). */
  get dueNs(): number {
    return this.nextNs;
  }

  /** Takes the due send at `nowNs` (≥ `dueNs`); returns its scheduled time. */
  take(nowNs: number): number {
    const due = this.nextNs;
    const lateNs = nowNs - due;
    const r = this.report;
    r.sent++;
    const late = lateNs > this.toleranceNs;
    if (late) {
      r.late++;
      r.lateTotalNs += lateNs;
      if (lateNs > r.maxLateNs) r.maxLateNs = lateNs;
    }
    let next = due + this.nextIntervalNs();
    // A stall is lateness that reaches into the next slot: catching up would send back to back.
    if (this.policy === "shift" && nowNs - next > this.toleranceNs) {
      // The whole delay, so the gap after the late send is the one the generator drew.
      r.shiftedNs += lateNs;
      next += lateNs;
    } else if (this.policy === "skip") {
      while (nowNs - next > this.toleranceNs) {
        r.skipped++;
        next += this.nextIntervalNs();
      }
    }
    this.nextNs = next;
    return due;
  }

  /** The report so far (a copy). */
  summary(): ScheduleReport {
    return { ...this.report };
  }
}
