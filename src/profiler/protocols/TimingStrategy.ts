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
 * How a scheduled strategy's sends went against their schedule.
 * @public
 */
export interface ScheduleReport {
  sent: number;
  /** Sends more than the tolerance (`timing.late_tolerance_ms`) after their due time. */
  late: number;
  /** Sum and maximum of the late sends' delays, ns. */
  lateTotalNs: number;
  maxLateNs: number;
  /** Sends dropped by the `skip` stall policy. */
  skipped: number;
  /** How far the `shift` stall policy moved the schedule in all, ns. */
  shiftedNs: number;
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
  /**
   * Connections worth opening before the first request (prewarm); default `maxInFlight()`. An
   * open loop without a cap guesses from its rate.
   */
  expectedInFlight?(): number | undefined;
  /** Requests per second asked for, when the strategy has a rate. */
  requestedRate?(): number | undefined;
  /** How the sends of the last phase went against their schedule, for scheduled strategies. */
  scheduleReport?(): ScheduleReport | undefined;
}

/** Decides when credits (requests) are issued */
export const TimingStrategy = defineProtocol<TimingStrategy>({
  name: "timing_strategy",
  cardinality: "one",
  members: ["run"],
  description: "Decides when credits (requests) are issued",
});
