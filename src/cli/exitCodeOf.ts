import { AiperfError } from "../kernel/errors/AiperfError.js";
import { ErrorCode } from "../kernel/errors/codes.js";
import { MetricErrorCode } from "../profiler/metrics/MetricErrorCode.js";
import { TokenizerErrorCode } from "../profiler/tokenizer/TokenizerError.js";

const USAGE_CODES = new Set<string>([
  ErrorCode.Usage,
  ErrorCode.ConfigInvalid,
  ErrorCode.TypeNotFound,
  ErrorCode.UnknownProtocol,
  ErrorCode.NoSelection,
  ErrorCode.DatasetInvalid,
  MetricErrorCode.Unknown,
  MetricErrorCode.ThresholdInvalid,
  MetricErrorCode.GoodputInvalid,
  TokenizerErrorCode.NotFound,
  TokenizerErrorCode.Invalid,
]);

/**
 * 2 for usage or config errors (a `--threshold` or `--goodput` naming no metric included), 1 for
 * any other failure (the exit codes the README documents; a failed threshold's 3 is the run's own).
 */
export function exitCodeOf(error: unknown): 1 | 2 {
  return error instanceof AiperfError && USAGE_CODES.has(error.code) ? 2 : 1;
}
