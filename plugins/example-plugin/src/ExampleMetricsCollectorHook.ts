import { type CreditPhase, inject, type PhaseLifecycleHook, type PhaseStats, type PhaseTracker, PLUGIN_CONFIG, writeFileAtomic } from "aiperf";
import type { ExampleMetricsCollectorConfig } from "./ExampleMetricsCollectorConfig.js";

/** One phase's metrics as written to the JSON file. */
export interface PhaseMetrics {
  status: "running" | "sending_complete" | "complete" | "timeout";
  sent: number;
  completed: number;
  errors: number;
  cancelled: number;
  duration_ms?: number;
}

/** The whole JSON file. */
export interface MetricsFile {
  phases: Record<string, PhaseMetrics>;
  aggregate: { sent: number; completed: number; errors: number; cancelled: number; phases_completed: number };
}

/**
 * Keeps per-phase metrics and aggregates, and checkpoints them to `metrics_file` at every event
 * (temp file and rename), so a crash leaves the last complete snapshot, never half a file.
 */
export class ExampleMetricsCollectorHook implements PhaseLifecycleHook {
  private readonly data: MetricsFile = { phases: {}, aggregate: { sent: 0, completed: 0, errors: 0, cancelled: 0, phases_completed: 0 } };

  constructor(@inject(PLUGIN_CONFIG) private readonly config: ExampleMetricsCollectorConfig) {}

  private async record(phase: CreditPhase, status: PhaseMetrics["status"], tracker: PhaseTracker): Promise<void> {
    const s: PhaseStats = tracker.createStats();
    const metrics: PhaseMetrics = { status, sent: s.sent, completed: s.completed, errors: s.errors, cancelled: s.cancelled };
    if (s.startNs !== undefined && s.endNs !== undefined) metrics.duration_ms = (s.endNs - s.startNs) / 1e6;
    this.data.phases[phase] = metrics;
    const done = Object.values(this.data.phases).filter((p) => p.status === "complete" || p.status === "timeout");
    this.data.aggregate = {
      sent: done.reduce((n, p) => n + p.sent, 0),
      completed: done.reduce((n, p) => n + p.completed, 0),
      errors: done.reduce((n, p) => n + p.errors, 0),
      cancelled: done.reduce((n, p) => n + p.cancelled, 0),
      phases_completed: done.length,
    };
    await writeFileAtomic(this.config.metrics_file, `${JSON.stringify(this.data, null, 2)}\n`);
  }

  async onPhaseStart(phase: CreditPhase, tracker: PhaseTracker): Promise<void> {
    await this.record(phase, "running", tracker);
  }
  async onPhaseSendingComplete(phase: CreditPhase, tracker: PhaseTracker): Promise<void> {
    await this.record(phase, "sending_complete", tracker);
  }
  async onPhaseComplete(phase: CreditPhase, tracker: PhaseTracker): Promise<void> {
    await this.record(phase, "complete", tracker);
  }
  async onPhaseTimeout(phase: CreditPhase, tracker: PhaseTracker): Promise<void> {
    await this.record(phase, "timeout", tracker);
  }
}
