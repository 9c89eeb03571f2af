import type { ScheduleReport } from "aiperf";
import type { StallPolicy } from "./StallPolicy.js";

/**
 * One line on the sending loop's late sends and what the stall policy did, or undefined when the
 * loop took every send up on time. The loop's view: a send it took up on time may still reach the
 * socket late (a queue for a free connection), which the `late_sends` metric counts.
 */
export function describeSchedule(report: ScheduleReport, policy: StallPolicy, toleranceMs: number): string | undefined {
  if (report.late === 0) return undefined;
  const ms = (ns: number) => (ns / 1e6).toFixed(1);
  const parts = [
    `the sending loop took up ${report.late} of ${report.sent} send(s) more than ${toleranceMs} ms late (mean ${ms(report.lateTotalNs / report.late)} ms, max ${ms(report.maxLateNs)} ms)`,
  ];
  if (policy === "shift" && report.shiftedNs > 0) parts.push(`stall policy shift moved the later sends by ${ms(report.shiftedNs)} ms in all`);
  if (policy === "skip" && report.skipped > 0) parts.push(`stall policy skip dropped ${report.skipped} send(s)`);
  if (policy === "catch_up") parts.push("stall policy catch_up sent the overdue ones back to back");
  return `schedule: ${parts.join("; ")}`;
}
