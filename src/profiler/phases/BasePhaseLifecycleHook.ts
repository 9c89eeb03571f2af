import type { CreditPhase } from "../model/CreditPhase.js";
import type { PhaseLifecycleHook } from "./PhaseLifecycleHook.js";
import type { PhaseTracker } from "./PhaseTracker.js";

/**
 * No-op defaults: extend it and override only the events you need.
 * @public
 */
export class BasePhaseLifecycleHook implements PhaseLifecycleHook {
  async onPhaseStart(_phase: CreditPhase, _tracker: PhaseTracker): Promise<void> {}
  async onPhaseSendingComplete(_phase: CreditPhase, _tracker: PhaseTracker): Promise<void> {}
  async onPhaseComplete(_phase: CreditPhase, _tracker: PhaseTracker): Promise<void> {}
  async onPhaseTimeout(_phase: CreditPhase, _tracker: PhaseTracker): Promise<void> {}
}
