import { defineEvent } from "aiperf";

/** What the logging hook published: the phase, the hook event and the line it wrote. */
export interface PhaseLoggedPayload {
  phase: string;
  event: string;
  line: string;
}

/** Emitted by `ExampleLoggingHook` after each line it appends: the plugin's own state change. */
export const ExamplePhaseLogged = defineEvent<PhaseLoggedPayload>("example.phase_logged");
