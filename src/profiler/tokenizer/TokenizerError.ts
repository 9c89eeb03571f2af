import { AiperfError } from "../../kernel/errors/AiperfError.js";

/**
 * Stable codes of tokenizer resolution.
 * @public
 */
export const TokenizerErrorCode = {
  /** An explicit `--tokenizer` (or `tokenizer.name`) resolved to nothing: no file, folder, cached model or encoding. */
  NotFound: "AIPERF_TOKENIZER_NOT_FOUND",
  /** The tokenizer was found but could not be loaded (unreadable or malformed tokenizer.json). */
  Invalid: "AIPERF_TOKENIZER_INVALID",
} as const;

/**
 * The run's tokenizer could not be resolved or loaded; raised before anything is sent.
 * @public
 */
export class TokenizerError extends AiperfError {}
