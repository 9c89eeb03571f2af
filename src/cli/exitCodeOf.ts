import { AiperfError } from "../kernel/errors/AiperfError.js";
import { ErrorCode } from "../kernel/errors/codes.js";
import { TokenizerErrorCode } from "../profiler/tokenizer/TokenizerError.js";

const USAGE_CODES = new Set<string>([
  ErrorCode.Usage,
  ErrorCode.ConfigInvalid,
  ErrorCode.TypeNotFound,
  ErrorCode.UnknownProtocol,
  ErrorCode.NoSelection,
  ErrorCode.DatasetInvalid,
  TokenizerErrorCode.NotFound,
  TokenizerErrorCode.Invalid,
]);

/** 2 for usage or config errors, 1 for any other failure (the exit codes the README documents). */
export function exitCodeOf(error: unknown): 1 | 2 {
  return error instanceof AiperfError && USAGE_CODES.has(error.code) ? 2 : 1;
}
