import { AiperfError } from "../../kernel/errors/AiperfError.js";

/**
 * Stable codes of the profiler's checks of the target server.
 * @public
 */
export const EndpointErrorCode = {
  /** Nothing answers at the URL (refused, timed out, host not found), or it answers 5xx. */
  Unreachable: "AIPERF_ENDPOINT_UNREACHABLE",
  /** Something answers, but not an OpenAI-compatible API (HTML, credentials refused). */
  Invalid: "AIPERF_ENDPOINT_INVALID",
  /** The server lists its models, and the configured one is not among them. */
  ModelNotFound: "AIPERF_MODEL_NOT_FOUND",
} as const;

/**
 * The target server failed the pre-flight check; the message names the URL (credentials masked).
 * @public
 */
export class EndpointError extends AiperfError {}
