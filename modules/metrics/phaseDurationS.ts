import type { PhaseStats } from "aiperf";

/** The phase's duration in seconds, first send to last response (0 while either is unknown). */
export function phaseDurationS(stats: PhaseStats): number {
  return stats.startNs !== undefined && stats.endNs !== undefined ? (stats.endNs - stats.startNs) / 1e9 : 0;
}
