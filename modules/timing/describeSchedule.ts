import type { ScheduleReport } from "aiperf";
import type { StallPolicy } from "./StallPolicy.js";

/** One line on late sends and what the stall policy did, or undefined when every send was on time. */
export function describeSchedule(report: ScheduleReport, policy: StallPolicy, toleranceMs: number): string | undefined {
  if (report.late === 0) return undefined;
  const ms = (ns: number) => (ns / 1e6).toFixed(1);
  const parts = [
    `${report.late} of ${report.sent} send(s) were late by more than ${toleranceMs} ms (mean ${ms(report.lateTotalNs / report.late)} ms, max ${ms(report.maxLateNs)} ms)`,
  ];
  if (policy === "shift" && report.shiftedNs > 0) parts.push(`stall policy shift moved the later sends by ${ms(report.shiftedNs)} ms in all`);
  if (policy === "skip" && report.skipped > 0) parts.push(`stall policy skip dropped ${report.skipped} send(s)`);
  if (policy === "catch_up") parts.push("stall policy catch_up sent the overdue ones back to back");
  return `schedule: ${parts.join("; ")}`;
}
