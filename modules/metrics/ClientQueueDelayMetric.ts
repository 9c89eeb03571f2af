import type { RecordMetric, RequestRecord } from "aiperf";

/**
 * Built-in `client_queue_delay`: the client's own wait per request, ms, from when the executor
 * took it up (`issuedNs`) to when its bytes were handed to the socket (`startNs`): formatting,
 * the pool's queue for a free connection, event-loop delays. Near zero when the client keeps up;
 * above a millisecond at the median, the client, not the server, is the bottleneck.
 */
export class ClientQueueDelayMetric implements RecordMetric {
  readonly kind = "record";
  readonly tag = "client_queue_delay";
  readonly header = "Client queueing delay";
  readonly unit = "ms";
  readonly omitWhenEmpty = true;

  compute(record: RequestRecord): number | undefined {
    return record.issuedNs === undefined ? undefined : Math.max(0, record.startNs - record.issuedNs) / 1e6;
  }
}
