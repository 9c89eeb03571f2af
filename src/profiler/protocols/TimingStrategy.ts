import { defineProtocol } from "../../kernel/protocol/defineProtocol.js";
import type { CreditPhase } from "../model/CreditPhase.js";
import type { Turn } from "../model/Turn.js";

/**
 * What a timing strategy drives: one phase.
 * @public
 */
export interface CreditSender {
  readonly phase: CreditPhase;
  /** Aborted when the phase must stop sending (count or duration reached, timeout, Ctrl-C). */
  readonly signal: AbortSignal;
  /** True while the phase still accepts credits. */
  canSend(): boolean;
  /**
   * Issues one credit; resolves when its request has ended. Without a turn the sampler picks one;
   * `scheduledNs` (monotonic) is when the request should have gone out, to report schedule slip.
   */
  send(turn?: Turn, scheduledNs?: number): Promise<void>;
  /** The turns the dataset composer produced, in order (trace replay reads their timestamps). */
  readonly dataset: readonly Turn[];
  /** Requests currently in flight. */
  inFlight(): number;
}

/**
 * Concurrency, request rate, fixed schedule. A strategy's own `timing:` keys arrive through
 * `PLUGIN_CONFIG`, validated by its registry `config:` class.
 * @public
 */
export interface TimingStrategy {
  /** Resolves when sending is complete (requests may still be in flight). */
  run(sender: CreditSender): Promise<void>;
  /**
   * The most requests this strategy may keep in flight: the connection budget the transport is
   * sized to. Undefined (or absent): unbounded, and the transport uses its default pool.
   */
  maxInFlight?(): number | undefined;
}

/** Decides when credits (requests) are issued */
export const TimingStrategy = defineProtocol<TimingStrategy>({
  name: "timing_strategy",
  cardinality: "one",
  members: ["run"],
  description: "Decides when credits (requests) are issued",
});
