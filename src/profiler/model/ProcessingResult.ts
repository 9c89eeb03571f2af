/**
 * What a post-processor returns for one phase.
 * @public
 */
export interface ProcessingResult {
  processor: string;
  phase: string;
  data: Record<string, unknown>;
}
