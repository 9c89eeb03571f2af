/**
 * One chat message.
 * @public
 */
export interface ChatMessage {
  role: string;
  content: string;
}

/**
 * One request's worth of input, produced by a dataset composer.
 * @public
 */
export interface Turn {
  id: string;
  /** Chat form; endpoints that take a prompt join the contents. */
  messages: ChatMessage[];
  /** Approximate input length in tokens. */
  inputTokens: number;
  /** Requested output length (`max_tokens`), if any. */
  outputTokens?: number;
  /** Ask the server to ignore end-of-sequence so the output has `outputTokens` tokens (`ignore_eos`, `min_tokens`). */
  ignoreEos?: boolean;
  /** For trace replay: when to send, in ms from the start of the phase. */
  timestampMs?: number;
}
