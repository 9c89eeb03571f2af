import type { CreditSender, Turn } from "aiperf";
import type { ScheduleClock } from "../../dist/modules/timing/driveSchedule.js";

/**
 * A clock that only moves when told: sleeping jumps to the target (plus any stall queued for that
 * sleep), and every send costs `sendCostNs`. No real time passes, so nothing here depends on speed.
 */
export class FakeClock implements ScheduleClock {
  nowNs = 0;
  yields = 0;
  /** Extra delay added to the next sleeps, in order (an event-loop stall); the first send needs no sleep. */
  readonly stalls: number[] = [];

  now(): number {
    return this.nowNs;
  }

  startNs(): number {
    return this.nowNs;
  }

  async sleepUntil(targetNs: number): Promise<void> {
    this.nowNs = Math.max(this.nowNs, targetNs) + (this.stalls.shift() ?? 0);
  }

  async yieldNow(): Promise<void> {
    this.yields++;
  }
}

/** A send as the fake sender saw it. */
export interface FakeSend {
  atNs: number;
  scheduledNs: number | undefined;
  turn: Turn | undefined;
}

/** A credit sender that accepts `limit` sends, each costing `sendCostNs` of fake time. */
export function fakeSender(clock: FakeClock, limit: number, sendCostNs = 0, dataset: readonly Turn[] = []): CreditSender & { sends: FakeSend[] } {
  const sends: FakeSend[] = [];
  const controller = new AbortController();
  return {
    sends,
    phase: "profiling" as CreditSender["phase"],
    signal: controller.signal,
    dataset,
    canSend: () => sends.length < limit,
    inFlight: () => 0,
    send(turn?: Turn, scheduledNs?: number) {
      sends.push({ atNs: clock.now(), scheduledNs, turn });
      clock.nowNs += sendCostNs;
      return Promise.resolve();
    },
  };
}
