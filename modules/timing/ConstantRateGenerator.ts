import type { RequestRateGenerator } from "aiperf";

/** Built-in `constant`: evenly spaced requests. */
export class ConstantRateGenerator implements RequestRateGenerator {
  nextIntervalMs(ratePerSecond: number): number {
    return 1000 / ratePerSecond;
  }
}
