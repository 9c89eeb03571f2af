import type { RequestRecord } from "aiperf";

/** Nanoseconds to milliseconds. */
export const nsToMs = (ns: number): number => ns / 1e6;

/**
 * When the request's last content or reasoning response arrived (AIPerf's final response for
 * request latency: trailing usage chunks and `[DONE]` excluded); the body's end when the
 * response carried no text, and for non-streaming responses.
 */
export function lastResponseNs(record: RequestRecord): number {
  if (record.streaming === false) return record.endNs;
  return record.tokenNs.at(-1) ?? record.endNs;
}

/** True unless the request was known to be non-streaming (records from before the flag count as streaming). */
export const isStreaming = (record: RequestRecord): boolean => record.streaming !== false;

/** Output sequence length as AIPerf counts it: content plus reasoning tokens. */
export const outputSequenceLength = (record: RequestRecord): number => record.outputTokens + (record.reasoningTokens ?? 0);
