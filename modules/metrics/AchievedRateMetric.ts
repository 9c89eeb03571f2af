import type { AggregateMetric, AggregateMetricInput } from "aiperf";
import { recordTotals } from "./recordTotals.js";

/**
 * Built-in `achieved_rate`: requests per second the client actually wrote to the socket (every
 * request, failed ones too: sending is what is measured), from the first write to the last; a
 * request still waiting in the client's queue is not sent. Only next to a `requested_rate`, so the
 * two can be compared.
 */
export class AchievedRateMetric implements AggregateMetric {
  readonly kind = "aggregate";
  readonly tag = "achieved_rate";
  readonly header = "Achieved rate";
  readonly unit = "requests/s";
  readonly dependsOn = ["requested_rate"];

  compute({ records, computed }: AggregateMetricInput): number | undefined {
    if (computed.requested_rate === undefined) return undefined;
    const { firstSendNs: first, lastSendNs: last, written } = recordTotals(records);
    return written >= 2 && last > first ? ((written - 1) * 1e9) / (last - first) : undefined;
  }
}
