import type { CreditPhase } from "./CreditPhase.js";

/**
 * One request to run, as the timing side hands it to whatever executes requests (a worker).
 * @public
 */
export interface RequestJob {
  phase: CreditPhase;
  credit: number;
  turnId: string;
  inputTokens: number;
  /** The serialized request body (already formatted by the endpoint). */
  body: string;
  streaming: boolean;
  scheduledNs?: number;
  inFlightAtStart?: number;
  /** The output length the request asks for (the turn's `max_tokens`), copied onto the record. */
  requestedOutputTokens?: number;
  /**
   * True when no tokenizer counts the response's texts: they are not concatenated, and the
   * record's `outputText` / `reasoningText` stay empty (still present: they mark a response).
   */
  textsUnread?: boolean;
}
