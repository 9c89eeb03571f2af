import { AiperfError } from "../../kernel/errors/AiperfError.js";
import type { MetricErrorCode } from "./MetricErrorCode.js";

/**
 * The enabled metrics cannot be computed as declared. Thrown when the metric processors are
 * built, before the first request is sent.
 * @public
 */
export class MetricError extends AiperfError {
  constructor(
    code: MetricErrorCode,
    message: string,
    /** Tags of the metrics involved (for a cycle, the loop in order). */
    readonly tags: readonly string[],
  ) {
    super(code, message);
  }
}
