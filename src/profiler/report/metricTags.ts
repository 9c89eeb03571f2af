/** What the report charts, by role; each role accepts the tags other versions of the export used. */
export const METRIC_ALIASES = {
  ttft: ["time_to_first_token", "ttft", "time_to_first_token_ms"],
  itl: ["inter_token_latency", "itl", "inter_token_latency_ms"],
  latency: ["request_latency", "latency", "request_latency_ms"],
  outputTokenThroughput: ["output_token_throughput", "output_tokens_per_second", "output_throughput"],
  requestThroughput: ["request_throughput", "requests_per_second"],
} as const;

/** A role of {@link METRIC_ALIASES}. */
export type MetricRole = keyof typeof METRIC_ALIASES;

/** The latency roles, drawn as distributions. */
export const LATENCY_ROLES = ["ttft", "itl", "latency"] as const;

/** A latency role. */
export type LatencyRole = (typeof LATENCY_ROLES)[number];
