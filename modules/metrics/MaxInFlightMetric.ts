import type { AggregateMetric, AggregateMetricInput } from "aiperf";
import { recordTotals } from "./recordTotals.js";

/**
 * Built-in `max_in_flight`: the most requests the client had in flight at once (issued and not
 * yet ended, whether written or still waiting for a free connection). Next to the run's
 * connection budget it shows an open loop that outgrew its connections. Exported, not a row of
 * the summary table.
 */
export class MaxInFlightMetric implements AggregateMetric {
  readonly kind = "aggregate";
  readonly tag = "max_in_flight";
  readonly header = "Most requests in flight";
  readonly unit = "requests";
  readonly console = false;

  compute({ records }: AggregateMetricInput): number | undefined {
    return recordTotals(records).maxInFlight;
  }
}
