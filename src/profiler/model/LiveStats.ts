/**
 * What a live view shows besides a phase's counts, sampled at each progress tick.
 * @public
 */
export interface LiveStats {
  /** Median time to first token over the most recent successful requests, in ms. */
  ttftP50Ms?: number;
}
