import { appendFile, mkdir } from "node:fs/promises";
import path from "node:path";
import { BasePhaseLifecycleHook, type CreditPhase, EventBus, inject, type PhaseTracker, PLUGIN_CONFIG } from "aiperf";
import type { ExampleLoggingConfig } from "./ExampleLoggingConfig.js";
import { ExamplePhaseLogged } from "./exampleEvents.js";

/**
 * Appends one line per phase event: `<ISO time> <phase> <event> sent=… completed=… errors=…`,
 * then publishes `example.phase_logged` on the app's bus, so others can follow what it wrote.
 */
export class ExampleLoggingHook extends BasePhaseLifecycleHook {
  constructor(
    @inject(PLUGIN_CONFIG) private readonly config: ExampleLoggingConfig,
    @inject(EventBus) private readonly bus: EventBus,
  ) {
    super();
  }

  private async write(phase: CreditPhase, event: string, tracker: PhaseTracker): Promise<void> {
    const s = tracker.createStats();
    const extra = this.config.verbose ? ` in_flight=${s.inFlight} cancelled=${s.cancelled}` : "";
    await mkdir(path.dirname(this.config.log_file), { recursive: true });
    const line = `${new Date().toISOString()} ${phase} ${event} sent=${s.sent} completed=${s.completed} errors=${s.errors}${extra}`;
    await appendFile(this.config.log_file, `${line}\n`);
    await this.bus.emit(ExamplePhaseLogged, { phase, event, line }, { source: "aiperf-example-plugin" });
  }

  override async onPhaseStart(phase: CreditPhase, tracker: PhaseTracker): Promise<void> {
    await this.write(phase, "start", tracker);
  }
  override async onPhaseSendingComplete(phase: CreditPhase, tracker: PhaseTracker): Promise<void> {
    await this.write(phase, "sending_complete", tracker);
  }
  override async onPhaseComplete(phase: CreditPhase, tracker: PhaseTracker): Promise<void> {
    await this.write(phase, "complete", tracker);
  }
  override async onPhaseTimeout(phase: CreditPhase, tracker: PhaseTracker): Promise<void> {
    await this.write(phase, "timeout", tracker);
  }
}
