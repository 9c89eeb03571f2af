import type { CreditPhase } from "../model/CreditPhase.js";
import { defineProtocol } from "./defineProtocol.js";

/** What a timing strategy drives: one phase. */
export interface CreditSender {
  readonly phase: CreditPhase;
  /** Aborted when the phase must stop sending (count or duration reached, timeout, Ctrl-C). */
  readonly signal: AbortSignal;
  /** True while the phase still accepts credits. */
  canSend(): boolean;
  /** Issues one credit; resolves when its request has ended. */
  send(turn?: import("../model/Turn.js").Turn): Promise<void>;
  /** Requests currently in flight. */
  inFlight(): number;
}

/** Concurrency, request rate, fixed schedule. */
export interface TimingStrategy {
  /** Resolves when sending is complete (requests may still be in flight). */
  run(sender: CreditSender): Promise<void>;
}

/** Decides when credits (requests) are issued */
export const TimingStrategy = defineProtocol<TimingStrategy>({
  name: "timing_strategy",
  cardinality: "one",
  members: ["run"],
  description: "Decides when credits (requests) are issued",
});
