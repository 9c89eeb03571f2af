import { type AggregateMetric, type AggregateMetricInput } from "aiperf";

/** Built-in `good_request_fraction` (AIPerf's): good requests / (successful + failed requests), so a server that fails under load is not "good" for the requests that survived. */
export class GoodRequestFractionMetric implements AggregateMetric {
  readonly kind = "aggregate";
  readonly tag = "good_request_fraction";
  readonly header = "Good request fraction";
  readonly unit = "ratio";
  readonly largerIsBetter = true;
  readonly dependsOn = ["good_request_count", "request_count", "error_count"];

  compute({ computed }: AggregateMetricInput): number | undefined {
    const good = computed.good_request_count;
    if (good === undefined) return undefined;
    const attempted = (computed.request_count ?? 0) + (computed.error_count ?? 0);
    return attempted === 0 ? 0 : good / attempted;
  }
}
