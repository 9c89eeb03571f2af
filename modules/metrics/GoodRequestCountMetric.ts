import { type AggregateMetric, type AggregateMetricInput, APP_CONFIG, type AppConfig, inject, type MetricInfo, type RecordMetrics } from "aiperf";

/**
 * A request is good when it has a value for every SLO's metric and each is within its SLO: at
 * most the SLO, or at least it for a metric where larger is better (a throughput).
 */
function meetsSlos(values: Readonly<RecordMetrics>, slos: readonly [string, number][], definitions: ReadonlyMap<string, MetricInfo> | undefined): boolean {
  for (const [tag, slo] of slos) {
    const value = values[tag];
    if (value === undefined) return false;
    if (definitions?.get(tag)?.largerIsBetter ? value < slo : value > slo) return false;
  }
  return true;
}

/** Built-in `good_request_count` (AIPerf's): successful requests that meet every `--goodput` SLO (`goodput:` in the config); no row without SLOs. */
export class GoodRequestCountMetric implements AggregateMetric {
  readonly kind = "aggregate";
  readonly tag = "good_request_count";
  readonly header = "Good requests";
  readonly unit = "requests";

  private readonly slos: Readonly<Record<string, number>>;

  constructor(@inject(APP_CONFIG) config: AppConfig) {
    this.slos = config.goodput ?? {};
  }

  compute({ metrics, definitions }: AggregateMetricInput): number | undefined {
    const slos = Object.entries(this.slos);
    if (slos.length === 0) return undefined;
    let good = 0;
    for (const m of metrics) if (meetsSlos(m, slos, definitions)) good++;
    return good;
  }
}
