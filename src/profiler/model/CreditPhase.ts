/**
 * The phases of a run, in order.
 * @public
 */
export const CreditPhase = {
  Warmup: "warmup",
  Profiling: "profiling",
} as const;
export type CreditPhase = (typeof CreditPhase)[keyof typeof CreditPhase];
