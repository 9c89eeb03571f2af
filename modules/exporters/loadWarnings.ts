import type { MetricResult, ProfileResults } from "aiperf";

/** Above this median client queueing delay (ms), the client's own wait shows in the latencies. */
export const QUEUE_DELAY_WARN_MS = 1;

/** Achieved below this share of the requested rate: the client could not keep up. */
export const RATE_SHORTFALL = 0.95;

const row = (results: ProfileResults, tag: string): MetricResult | undefined => results.metrics.find((m) => m.tag === tag);

/**
 * Warnings about the load the client itself produced, for the end of the summary: an open loop
 * that outgrew its connections, the client's own queueing delay, a request rate it could not
 * reach, sends written late. Empty when the client kept up. Each is one sentence saying what it
 * means for the numbers above it and what to change.
 */
export function loadWarnings(results: ProfileResults): string[] {
  const out: string[] = [];
  const crowded = outgrewConnections(results);
  const queue = row(results, "client_queue_delay")?.p50;
  if (crowded !== undefined) out.push(crowded);
  else if (queue !== undefined && queue > QUEUE_DELAY_WARN_MS)
    out.push(
      `Client queueing delay p50 is ${queue.toFixed(2)} ms (over ${QUEUE_DELAY_WARN_MS} ms): the client could not write the requests as fast as asked, so the server saw less load than configured. Latencies start at the socket write and leave this wait out, but a client this busy also reads responses late (try --workers, fewer connections, or a lower rate).`,
    );
  const requested = row(results, "requested_rate")?.avg;
  const achieved = row(results, "achieved_rate")?.avg;
  if (requested !== undefined && achieved !== undefined && achieved < requested * RATE_SHORTFALL) {
    const why = crowded === undefined ? "it could not keep up" : "the requests waited for a free connection (above)";
    out.push(`The client sent ${achieved.toFixed(1)} req/s of the ${requested} req/s requested: ${why}, so the server saw a lighter load than asked.`);
  }
  const late = row(results, "late_sends")?.avg;
  if (late !== undefined && late > 0)
    out.push(
      `${late} scheduled send(s) reached the socket late (see "Schedule slip"): the event loop stalled, the client fell behind the schedule, or the request waited for a free connection.`,
    );
  return out;
}

/** An open loop that needed more requests in flight than it opens connections: the rest queued in the client. */
function outgrewConnections(results: ProfileResults): string | undefined {
  const setup = results.connectionSetup;
  const most = row(results, "max_in_flight")?.avg;
  if (setup?.openLoop !== true || setup.maxConnections === undefined || most === undefined || most <= setup.maxConnections) return undefined;
  return `The open loop needed up to ${most} requests in flight, but it opens at most ${setup.maxConnections} connections (endpoint.max_connections): the others waited in the client's queue for a free one, so the server never had more than ${setup.maxConnections} at once and the rate it saw fell short. Raise endpoint.max_connections, or cap the load knowingly with --concurrency.`;
}
