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

/**
 * False for a request that never reached the socket (cancelled or failed while it waited in the
 * client's queue, or before its connection opened): its `startNs` is still the time it was taken
 * up. Records without an `issuedNs` (older ones, a plugin's) count as written.
 */
export const wasWritten = (record: RequestRecord): boolean => record.issuedNs === undefined || record.startNs !== record.issuedNs;
