import { type AggregateMetric, type AggregateMetricInput, APP_CONFIG, type AppConfig, inject, metricColumn } from "aiperf";

/**
 * A request is good when it has a value for every SLO's metric and each is within its SLO: at
 * most the SLO, or at least it for a metric where larger is better (a throughput).
 */
function meetsSlos(i: number, slos: readonly Slo[]): boolean {
  for (const { column, slo, larger } of slos) {
    const value = column[i] as number;
    if (Number.isNaN(value)) return false;
    if (larger ? value < slo : value > slo) return false;
  }
  return true;
}

/** One SLO with its metric's column. */
interface Slo {
  column: ArrayLike<number>;
  slo: number;
  larger: boolean;
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
    const entries = Object.entries(this.slos);
    if (entries.length === 0) return undefined;
    const slos = entries.map(([tag, slo]): Slo => ({ column: metricColumn(metrics, tag), slo, larger: definitions?.get(tag)?.largerIsBetter === true }));
    let good = 0;
    for (let i = 0; i < metrics.length; i++) if (meetsSlos(i, slos)) good++;
    return good;
  }
}
