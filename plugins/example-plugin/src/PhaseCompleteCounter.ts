import { type EventContext, type EventHandler, PhaseComplete, type PhaseEventPayload } from "aiperf";

/**
 * An `event_handler` entry: registry.yaml names the events it wants (`phase.complete`), so this
 * module is imported only when the first phase completes. It counts completed phases by name.
 */
export class PhaseCompleteCounter implements EventHandler {
  readonly counts: Record<string, number> = {};
  /** Correlation ids seen, one per emit. */
  readonly seen: string[] = [];

  handle(payload: unknown, context: EventContext): void {
    if (context.event !== PhaseComplete.name) return;
    const { phase } = payload as PhaseEventPayload;
    this.counts[phase] = (this.counts[phase] ?? 0) + 1;
    this.seen.push(context.id);
  }
}
