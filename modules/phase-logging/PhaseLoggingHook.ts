import { type CreditPhase, inject, LOGGER, type Logger, type PhaseLifecycleHook, type PhaseTracker } from "aiperf";

/** Built-in `phase_logging`: one log line per phase event, with the phase's counts. */
export class PhaseLoggingHook implements PhaseLifecycleHook {
  constructor(@inject(LOGGER) private readonly logger: Logger) {}

  private line(event: string, phase: CreditPhase, tracker: PhaseTracker): void {
    const s = tracker.createStats();
    this.logger.info(`phase ${phase} ${event}: sent=${s.sent} completed=${s.completed} errors=${s.errors} cancelled=${s.cancelled} in_flight=${s.inFlight}`);
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
