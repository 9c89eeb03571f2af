import type { CreditPhase } from "../model/CreditPhase.js";
import type { PhaseTracker } from "./PhaseTracker.js";

/**
 * Called by the phase orchestrator at each phase transition. Every method is optional.
 * @public
 */
export interface PhaseLifecycleHook {
  onPhaseStart?(phase: CreditPhase, tracker: PhaseTracker): Promise<void>;
  onPhaseSendingComplete?(phase: CreditPhase, tracker: PhaseTracker): Promise<void>;
  onPhaseComplete?(phase: CreditPhase, tracker: PhaseTracker): Promise<void>;
  onPhaseTimeout?(phase: CreditPhase, tracker: PhaseTracker): Promise<void>;
}

/**
 * The events a hook can receive, in the order they fire.
 * @public
 */
export const PHASE_EVENTS = ["onPhaseStart", "onPhaseSendingComplete", "onPhaseComplete", "onPhaseTimeout"] as const;
/** @public */
export type PhaseEvent = (typeof PHASE_EVENTS)[number];
