import { defineProtocol } from "../../kernel/protocol/defineProtocol.js";
import type { PhaseLifecycleHook } from "../phases/PhaseLifecycleHook.js";

/**
 * A phase lifecycle hook contributed by the app or a plugin.
 * @public
 */
export type PhaseHook = PhaseLifecycleHook;

/** Phase lifecycle hooks, collected by multi-injection in binding order. */
export const PhaseHook = defineProtocol<PhaseHook>({
  name: "phase_hook",
  cardinality: "many",
  members: [],
  description: "Reacts to phase start, sending complete, complete and timeout",
});
