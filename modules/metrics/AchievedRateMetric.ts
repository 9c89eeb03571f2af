import type { AggregateMetric, AggregateMetricInput } from "aiperf";

/**
 * Built-in `achieved_rate`: requests per second the client actually sent (every request, failed
 * ones too: sending is what is measured), from the first send to the last; only next to a
 * `requested_rate`, so the two can be compared.
 */
export class AchievedRateMetric implements AggregateMetric {
  readonly kind = "aggregate";
  readonly tag = "achieved_rate";
  readonly header = "Achieved rate";
  readonly unit = "requests/s";
  readonly dependsOn = ["requested_rate"];

  compute({ records, computed }: AggregateMetricInput): number | undefined {
    if (computed.requested_rate === undefined || records.length < 2) return undefined;
    let first = Number.POSITIVE_INFINITY;
    let last = Number.NEGATIVE_INFINITY;
    for (const r of records) {
      const at = r.issuedNs ?? r.startNs;
      if (at < first) first = at;
      if (at > last) last = at;
    }
    return last > first ? ((records.length - 1) * 1e9) / (last - first) : undefined;
  }
}
