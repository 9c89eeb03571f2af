import type { MetricResult } from "aiperf";

/** How one of our metrics appears in AIPerf's files: its tag, header and unit there, and a factor. */
export interface AiperfName {
  tag: string;
  header: string;
  unit: string;
  /** Multiplies every value (our error_rate is a fraction, AIPerf's request_error_rate a percent). */
  scale?: number;
}

const same = (tag: string, header: string, unit: string): [string, AiperfName] => [tag, { tag, header, unit }];

/** Our tags whose AIPerf name, header or unit spelling differs; see docs/metrics.md. */
const NAMES = new Map<string, AiperfName>([
  same("request_latency", "Request Latency", "ms"),
  same("time_to_first_token", "Time to First Token", "ms"),
  same("time_to_second_token", "Time to Second Token", "ms"),
  same("time_to_first_output_token", "Time to First Output Token", "ms"),
  same("inter_token_latency", "Inter Token Latency", "ms"),
  same("inter_chunk_latency", "Inter Chunk Latency", "ms"),
  same("output_token_throughput_per_user", "Output Token Throughput Per User", "tokens/sec/user"),
  same("prefill_throughput_per_user", "Prefill Throughput Per User", "tokens/sec/user"),
  same("output_sequence_length", "Output Sequence Length", "tokens"),
  same("input_sequence_length", "Input Sequence Length", "tokens"),
  same("output_token_count", "Output Token Count", "tokens"),
  same("reasoning_token_count", "Reasoning Token Count", "tokens"),
  same("usage_prompt_tokens", "Usage Prompt Tokens", "tokens"),
  same("usage_completion_tokens", "Usage Completion Tokens", "tokens"),
  same("usage_reasoning_tokens", "Usage Reasoning Tokens", "tokens"),
  same("usage_prompt_tokens_diff_pct", "Usage Prompt Diff", "%"),
  same("usage_completion_tokens_diff_pct", "Usage Completion Diff", "%"),
  same("usage_reasoning_tokens_diff_pct", "Usage Reasoning Diff", "%"),
  same("usage_discrepancy_count", "Usage Discrepancy Count", "requests"),
  same("min_request_timestamp", "Minimum Request Timestamp", "ns"),
  same("max_response_timestamp", "Maximum Response Timestamp", "ns"),
  same("benchmark_duration", "Benchmark Duration", "sec"),
  same("total_isl", "Total Input Sequence Length", "tokens"),
  same("total_osl", "Total Output Sequence Length", "tokens"),
  same("total_output_tokens", "Total Output Tokens", "tokens"),
  same("total_reasoning_tokens", "Total Reasoning Tokens", "tokens"),
  same("output_token_throughput", "Output Token Throughput", "tokens/sec"),
  same("total_token_throughput", "Total Token Throughput", "tokens/sec"),
  same("request_throughput", "Request Throughput", "requests/sec"),
  same("request_count", "Request Count", "requests"),
  ["error_count", { tag: "error_request_count", header: "Error Request Count", unit: "requests" }],
  ["error_rate", { tag: "request_error_rate", header: "Request Error Rate", unit: "%", scale: 100 }],
  ["cancelled_count", { tag: "cancelled_request_count", header: "Cancelled Request Count", unit: "requests" }],
  same("good_request_count", "GoodRequestCount", "requests"),
  same("good_request_fraction", "GoodRequestFraction", "ratio"),
  same("goodput", "Goodput", "requests/sec"),
]);

/** A plugin's metric keeps its own tag and header; `/s` units are spelled `/sec` as AIPerf does. */
export function aiperfName(metric: Pick<MetricResult, "tag" | "header" | "unit">): AiperfName {
  return NAMES.get(metric.tag) ?? { tag: metric.tag, header: metric.header, unit: metric.unit.replace(/\/s\b/g, "/sec") };
}

/** Every AIPerf tag this tool can write, in our order (docs/metrics.md lists the same). */
export const AIPERF_TAGS: readonly string[] = [...NAMES.values()].map((n) => n.tag);

/** The statistics AIPerf writes for a metric with one value per request, in its order. */
export const AIPERF_STATS = ["avg", "p1", "p5", "p10", "p25", "p50", "p75", "p90", "p95", "p99", "min", "max", "std"] as const;

/** The CSV's statistics columns, in AIPerf's order. */
export const AIPERF_CSV_STATS = ["avg", "min", "max", "p1", "p5", "p10", "p25", "p50", "p75", "p90", "p95", "p99", "std"] as const;

/** Whether a row is a per-request distribution (it has percentiles) rather than one value. */
export const isDistribution = (m: MetricResult): boolean => m.p50 !== undefined;
