import type { LoadedConfig } from "aiperf";

/** The scheduled strategies' settings as configured: strategy, requested rate, late tolerance. */
export interface ScheduleSettings {
  strategy: string;
  /** `timing.rate` of `request_rate`. */
  rate: number | undefined;
  /** `timing.late_tolerance_ms` (default 1). */
  toleranceMs: number;
}

/**
 * Read from the validated config as written (strategy keys are routed to the strategy, not kept
 * in the app's config), so metrics can compare what was asked with what was done.
 */
export function scheduleSettings(loaded: LoadedConfig): ScheduleSettings {
  const timing = (loaded.raw.timing ?? {}) as Record<string, unknown>;
  const strategy = typeof timing.strategy === "string" ? timing.strategy : "concurrency";
  const rate = strategy === "request_rate" && typeof timing.rate === "number" ? timing.rate : undefined;
  const toleranceMs = typeof timing.late_tolerance_ms === "number" ? timing.late_tolerance_ms : 1;
  return { strategy, rate, toleranceMs };
}
