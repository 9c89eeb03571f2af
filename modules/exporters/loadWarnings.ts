import type { MetricResult, ProfileResults } from "aiperf";

/** Above this median client queueing delay (ms), the client's own wait shows in the latencies. */
export const QUEUE_DELAY_WARN_MS = 1;

/** Achieved below this share of the requested rate: the client could not keep up. */
export const RATE_SHORTFALL = 0.95;

const row = (results: ProfileResults, tag: string): MetricResult | undefined => results.metrics.find((m) => m.tag === tag);

/**
 * Warnings about the load the client itself produced, for the end of the summary: its own
 * queueing delay, a request rate it could not reach, sends that went out late. Empty when the
 * client kept up. Each is one sentence saying what it means for the numbers above it.
 */
export function loadWarnings(results: ProfileResults): string[] {
  const out: string[] = [];
  const queue = row(results, "client_queue_delay")?.p50;
  if (queue !== undefined && queue > QUEUE_DELAY_WARN_MS)
    out.push(
      `Client queueing delay p50 is ${queue.toFixed(2)} ms (over ${QUEUE_DELAY_WARN_MS} ms): the client, not the server, is the bottleneck, and the latencies include the client's own wait (try fewer connections, --workers, or a lower rate).`,
    );
  const requested = row(results, "requested_rate")?.avg;
  const achieved = row(results, "achieved_rate")?.avg;
  if (requested !== undefined && achieved !== undefined && achieved < requested * RATE_SHORTFALL)
    out.push(
      `The client sent ${achieved.toFixed(1)} req/s of the ${requested} req/s requested: it could not keep up, so the server saw a lighter load than asked.`,
    );
  const late = row(results, "late_sends")?.avg;
  if (late !== undefined && late > 0)
    out.push(`${late} scheduled send(s) went out late (see "Schedule slip"): the event loop stalled or the client fell behind the schedule.`);
  return out;
}
