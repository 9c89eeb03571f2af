import { type CreditPhase, inject, LOGGER, type Logger, type PhaseLifecycleHook, type PhaseStats, type PhaseTracker } from "aiperf";

/** ` (8.7 s, 22.9 req/s)` once the phase has ended. */
function took(s: PhaseStats): string {
  if (s.startNs === undefined || s.endNs === undefined) return "";
  const seconds = (s.endNs - s.startNs) / 1e9;
  return ` (${seconds.toFixed(1)} s, ${(seconds > 0 ? s.completed / seconds : 0).toFixed(1)} req/s)`;
}

/**
 * Built-in `phase_logging`: one log line per phase event, with the phase's counts. It is the one
 * place phase events are reported (the UIs show progress only), so each event appears once.
 */
export class PhaseLoggingHook implements PhaseLifecycleHook {
  constructor(@inject(LOGGER) private readonly logger: Logger) {}

  private line(event: string, phase: CreditPhase, tracker: PhaseTracker): void {
    const s = tracker.createStats();
    this.logger.info(
      `phase ${phase} ${event}: sent=${s.sent} completed=${s.completed} errors=${s.errors} cancelled=${s.cancelled} in_flight=${s.inFlight}${took(s)}`,
    );
  }

  async onPhaseStart(phase: CreditPhase, tracker: PhaseTracker): Promise<void> {
    this.line("started", phase, tracker);
  }
  async onPhaseSendingComplete(phase: CreditPhase, tracker: PhaseTracker): Promise<void> {
    this.line("sending complete", phase, tracker);
  }
  async onPhaseComplete(phase: CreditPhase, tracker: PhaseTracker): Promise<void> {
    this.line("complete", phase, tracker);
  }
  async onPhaseTimeout(phase: CreditPhase, tracker: PhaseTracker): Promise<void> {
    this.line("timed out", phase, tracker);
  }
}
