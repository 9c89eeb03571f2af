import { defineEvent } from "../../kernel/events/defineEvent.js";
import type { CreditPhase } from "../model/CreditPhase.js";
import type { PhaseStats } from "../model/PhaseStats.js";

/**
 * What every phase event carries: the phase and a snapshot of its stats at that moment.
 * @public
 */
export interface PhaseEventPayload {
  phase: CreditPhase;
  stats: PhaseStats;
}

/**
 * A phase started (after the `onPhaseStart` hooks).
 * @public
 */
export const PhaseStart = defineEvent<PhaseEventPayload>("phase.start");
/**
 * A phase stopped sending; requests may still be in flight (after `onPhaseSendingComplete`).
 * @public
 */
export const PhaseSendingComplete = defineEvent<PhaseEventPayload>("phase.sending_complete");
/**
 * A phase finished: every request ended (after `onPhaseComplete`).
 * @public
 */
export const PhaseComplete = defineEvent<PhaseEventPayload>("phase.complete");
/**
 * A phase hit its `timeout_s` and its in-flight requests were cancelled (after `onPhaseTimeout`).
 * @public
 */
export const PhaseTimeout = defineEvent<PhaseEventPayload>("phase.timeout");

/**
 * A run is about to send: its folder exists and its config has been checked.
 * @public
 */
export const RunStart = defineEvent<{ dir: string; startedAt: string; endpoint: string; model: string }>("run.start");

/**
 * What `run.end` carries: the run's folder, what its exporters wrote, the profiling phase's
 * counts and the exit code `runProfile` returns.
 * @public
 */
export interface RunEndPayload {
  dir: string;
  files: string[];
  records: number;
  completed: number;
  errors: number;
  interrupted: boolean;
  exitCode: 0 | 1 | 3 | 130;
}

/**
 * A run finished and its exports are written.
 * @public
 */
export const RunEnd = defineEvent<RunEndPayload>("run.end");
