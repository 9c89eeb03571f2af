/** The phases of a run, in order. */
export const CreditPhase = {
  Warmup: "warmup",
  Profiling: "profiling",
} as const;
export type CreditPhase = (typeof CreditPhase)[keyof typeof CreditPhase];
