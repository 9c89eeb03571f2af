import { Metric, multiInject, optional, orderMetrics, type RecordMetric, type RecordMetrics, type RecordProcessor, type RequestRecord } from "aiperf";

/**
 * Built-in `metric_record`: every enabled record metric of each successful request, each after
 * the metrics it depends on. Failed and cancelled requests have none: their timings measure the
 * failure, not the server.
 */
export class MetricRecordProcessor implements RecordProcessor {
  private readonly metrics: readonly RecordMetric[];

  constructor(@multiInject(Metric.token) @optional() metrics: Metric[] | undefined) {
    // Ordering checks the whole graph, so a bad dependency fails before the first request.
    this.metrics = orderMetrics(metrics ?? []).filter((m): m is RecordMetric => m.kind === "record");
  }

  process(record: RequestRecord): RecordMetrics {
    const computed: RecordMetrics = {};
    if (record.error !== undefined || record.cancelled) return computed;
    for (const metric of this.metrics) {
      const value = metric.compute(record, computed);
      if (value !== undefined) computed[metric.tag] = value;
    }
    return computed;
  }
}
