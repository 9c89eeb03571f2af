import type { CreditPhase } from "./CreditPhase.js";

/**
 * What one request did, as measured by the client. Times are monotonic nanoseconds
 * (`monotonicNs()`), comparable within one process only.
 * @public
 */
export interface RequestRecord {
  phase: CreditPhase;
  /** 0-based index of the credit within its phase. */
  credit: number;
  turnId: string;
  /**
   * When the request's bytes were handed to the socket (the transport's `sentNs`), else when the
   * request was taken up. Every latency is measured from here.
   */
  startNs: number;
  /** When the executor took the request up (before formatting and the socket write). `startNs − issuedNs` is the client's own queueing delay. */
  issuedNs?: number;
  /** Arrival of the first chunk carrying content or reasoning text (AIPerf's time to first token). */
  firstTokenNs?: number;
  /** Arrival of the first chunk carrying (non-reasoning) content text (AIPerf's time to first output token). */
  firstContentNs?: number;
  /** Arrival of every chunk carrying content or reasoning text, in order (the first is `firstTokenNs`). */
  tokenNs: number[];
  /** When the body ended (after any trailing usage chunk and `[DONE]`). */
  endNs: number;
  /** Input tokens (by `tokenCountSource`). */
  inputTokens: number;
  /** Output (content) tokens, reasoning excluded (by `tokenCountSource`). */
  outputTokens: number;
  /** Reasoning tokens (by `tokenCountSource`), when the response had reasoning. */
  reasoningTokens?: number;
  /** Where the token counts came from. */
  tokenCountSource?: "tokenizer" | "server" | "chunks";
  /** The response's content text, kept only until its tokens are counted. */
  outputText?: string;
  /** The response's reasoning text, kept only until its tokens are counted. */
  reasoningText?: string;
  /** The server's `usage`, when it sent one. */
  usage?: { promptTokens?: number; completionTokens?: number; reasoningTokens?: number };
  /** The output length the request asked for (`max_tokens`), when it asked. */
  requestedOutputTokens?: number;
  /** Whether the request asked for a streamed response: streaming-only metrics (TTFT, ITL, …) need it. */
  streaming?: boolean;
  /** Which worker executed it (multiprocess / distributed), when not the main thread. */
  worker?: string;
  status?: number;
  error?: string;
  cancelled?: boolean;
  /** When the schedule wanted this request sent (fixed_schedule), monotonic ns. */
  scheduledNs?: number;
  /** Requests in flight when this one was sent, this one included. */
  inFlightAtStart?: number;
}
