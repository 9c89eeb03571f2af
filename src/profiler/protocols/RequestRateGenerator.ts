import { defineProtocol } from "../../kernel/protocol/defineProtocol.js";

/**
 * Constant or Poisson arrivals.
 * @public
 */
export interface RequestRateGenerator {
  /** Milliseconds to wait before the next request at `ratePerSecond`. */
  nextIntervalMs(ratePerSecond: number): number;
}

/** Produces the intervals between requests in request-rate mode */
export const RequestRateGenerator = defineProtocol<RequestRateGenerator>({
  name: "request_rate_generator",
  cardinality: "one",
  members: ["nextIntervalMs"],
  description: "Produces the intervals between requests in request-rate mode",
});
